using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmPlatform.EndToEndTests.Infrastructure;

/// <summary>
/// The AppHost as a user runs it (<c>dotnet CrmPlatform.AppHost.dll --isolated</c>): a child process
/// whose console we read for the ready line, and which we stop with SIGTERM like a service manager.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromMinutes(4);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Match> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process) => _process = process;

    public Uri Gateway { get; private set; } = null!;
    public Uri Dashboard { get; private set; } = null!;
    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the AppHost in isolated mode (free ports); <paramref name="arguments"/> are added.</summary>
    public static async Task<AppHostProcess> StartAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [AppHostDll(), "--isolated", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot(),
        };
        var host = new AppHostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        host._process.OutputDataReceived += (_, line) => host.Observe(line.Data);
        host._process.ErrorDataReceived += (_, line) => host.Observe(line.Data);
        host._process.EnableRaisingEvents = true;
        host._process.Exited += (_, _) => host._ready.TrySetException(
            new InvalidOperationException($"The AppHost exited with {host._process.ExitCode} before it was ready:\n{host.Output}"));
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();

        try
        {
            var ready = await host._ready.Task.WaitAsync(_startTimeout);
            host.Gateway = new Uri(ready.Groups["gateway"].Value);
            host.Dashboard = new Uri(ready.Groups["dashboard"].Value);
            return host;
        }
        catch (TimeoutException)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"The AppHost was not ready within {_startTimeout}:\n{host.Output}");
        }
    }

    /// <summary>SIGTERM, as systemd or a terminal's hang-up would send; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan within)
    {
        if (!_process.HasExited)
        {
            Signal(_process.Id, "TERM");
        }

        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public static void Signal(int pid, string signal) =>
        Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await StopAsync(TimeSpan.FromSeconds(60));
            }
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ReadyLine().Match(line) is { Success: true } match)
        {
            _ready.TrySetResult(match);
        }
    }

    /// <summary>The configuration these tests were built in; the programs they start are run from the same one.</summary>
    internal static string BuildConfiguration =>
        typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string AppHostDll()
    {
        var dll = Path.Combine(RepoRoot(), "src", "AppHost", "bin", BuildConfiguration, "net10.0", "CrmPlatform.AppHost.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the AppHost first ({BuildConfiguration}).", dll);
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmPlatform.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"CrmPlatform is ready in [\d.]+ s — gateway (?<gateway>\S+), dashboard (?<dashboard>\S+)")]
    private static partial Regex ReadyLine();
}
