namespace CrmPlatform.Hosting.Tests;

/// <summary>Helpers shared by the integration tests, which run real servers.</summary>
internal static class TestApps
{
    /// <summary>Upper bound for any single integration test: a hung server must fail the test, not the run.</summary>
    public static CancellationToken Timeout(int seconds = 120) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static DistributedApplicationBuilder Isolated(string? dataDirectory = null, TextWriter? output = null) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            // Always free ports, even on a given data directory: a suite running on this machine must never be disturbed.
            Isolated = true,
            DataDirectory = dataDirectory,
            Output = output ?? TextWriter.Null,
        });

    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
