using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CrmPlatform.ApiBench;

/// <summary>The whole suite, started by the Release AppHost in isolated mode (free ports, temporary data).</summary>
public sealed partial class SuiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _gateway = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SuiteProcess(Process process) => _process = process;

    public static async Task<(SuiteProcess Suite, Uri Gateway)> StartAsync(string repoRoot)
    {
        var dll = Path.Combine(repoRoot, "src", "AppHost", "bin", "Release", "net10.0", "CrmPlatform.AppHost.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--isolated"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repoRoot,
        };
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
        if (line is not null && ReadyLine().Match(line) is { Success: true } ready)
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
}
