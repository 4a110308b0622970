using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmPlatform.ApiBench;

/// <summary>The whole suite, started by the Release AppHost in isolated mode (free ports, temporary data).</summary>
public sealed partial class SuiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _gateway = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string? _dataDirectory;
    private string? _postgresEndpoint;

    private SuiteProcess(Process process) => _process = process;

    /// <summary>The AppHost's process: the root of the suite's process tree.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// A connection string to one of the suite's databases (as user postgres), from the data directory
    /// and the PostgreSQL port the AppHost printed and the password it generated into that directory;
    /// null when the suite uses an external server or the lines were not seen.
    /// </summary>
    public string? DatabaseConnectionString(string database)
    {
        var secrets = _dataDirectory is null ? null : Path.Combine(_dataDirectory, "secrets.json");
        if (_postgresEndpoint is null || secrets is null || !File.Exists(secrets)
            || JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(secrets)) is not { } passwords
            || !passwords.TryGetValue("postgres", out var password))
        {
            return null;
        }

        var endpoint = new Uri(_postgresEndpoint);
        return $"Host={endpoint.Host};Port={endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username=postgres;Password={password};Database={database}";
    }

    /// <summary>The gateway's per-caller API limit raised out of the way (src/Gateway/Limits/RateLimitOptions.cs).</summary>
    public static readonly IReadOnlyDictionary<string, string> RateLimitEnvironment = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RateLimits__Api__TokenLimit"] = "1000000",
        ["RateLimits__Api__TokensPerPeriod"] = "1000000",
        ["RateLimits__Api__ReplenishmentPeriod"] = "00:00:01",
    };

    public static async Task<(SuiteProcess Suite, Uri Gateway)> StartAsync(string repoRoot)
    {
        var dll = Path.Combine(repoRoot, "src", "AppHost", "bin", "Release", "net10.0", "CrmPlatform.AppHost.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--isolated"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repoRoot,
        };

        // The AppHost starts every resource with its own environment plus the resource's variables
        // (src/Hosting: ManagedProcess copies into ProcessStartInfo.Environment, which starts as the
        // parent's), so what is set here reaches the gateway. Its per-caller limit (RateLimits:Api,
        // 100 burst and 50/s by default) would otherwise turn the bench's load into 429s.
        foreach (var (name, value) in RateLimitEnvironment)
        {
            start.Environment[name] = value;
        }

        var suite = new SuiteProcess(Process.Start(start)!);
        suite._process.OutputDataReceived += (_, line) => suite.Observe(line.Data);
        suite._process.ErrorDataReceived += (_, _) => { };
        suite._process.BeginOutputReadLine();
        suite._process.BeginErrorReadLine();
        var gateway = await suite._gateway.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return (suite, gateway);
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        // "[apphost] data directory /tmp/crm-apphost-x (temporary)", then the resource table
        // ("  postgres  Running  tcp://127.0.0.1:40123  4711"), then the ready line.
        if (DataDirectoryLine().Match(line) is { Success: true } data)
        {
            _dataDirectory = data.Groups["path"].Value;
        }
        else if (PostgresRow().Match(line) is { Success: true } postgres)
        {
            _postgresEndpoint = postgres.Groups["endpoint"].Value;
        }
        else if (ReadyLine().Match(line) is { Success: true } ready)
        {
            _gateway.TrySetResult(new Uri(ready.Groups["gateway"].Value));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"CrmPlatform is ready in [\d.]+ s — gateway (?<gateway>\S+), dashboard")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"^\[apphost\] data directory (?<path>\S+)")]
    private static partial Regex DataDirectoryLine();

    [GeneratedRegex(@"^\s+postgres\s+\w+\s+(?<endpoint>tcp://\S+)")]
    private static partial Regex PostgresRow();
}
