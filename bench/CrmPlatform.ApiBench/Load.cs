using System.Diagnostics;

namespace CrmPlatform.ApiBench;

/// <summary>Closed-loop load: <c>clients</c> callers, each sending its next request when the last answered.</summary>
public static class Load
{
    public sealed record Result(string Name, int Clients, double Seconds, long Ok, long Failed, double PerSecond, double P50, double P90, double P99, double Max);

    /// <summary>One line: clients, duration, ok and failed calls, successful calls per second and the latency quantiles.</summary>
    public static string Describe(Result result) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{result.Name}: {result.Clients} clients, {result.Seconds:F1} s, ok {result.Ok}, failed {result.Failed}, {result.PerSecond:F0} req/s, p50 {result.P50:F1} ms, p90 {result.P90:F1} ms, p99 {result.P99:F1} ms, max {result.Max:F1} ms");

    public static async Task<Result> RunAsync(string name, int clients, TimeSpan duration, Func<int, Task<bool>> call)
    {
        var latencies = new List<double>[clients];
        long ok = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var deadline = duration;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = new List<double>(100_000);
            var sequence = 0;
            while (clock.Elapsed < deadline)
            {
                var started = clock.Elapsed;
                var success = await call(client * 1_000_000 + sequence++);
                mine.Add((clock.Elapsed - started).TotalMilliseconds);
                if (success)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double At(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        return new Result(name, clients, seconds, ok, failed, ok / seconds, At(0.50), At(0.90), At(0.99), all.LastOrDefault());
    }
}
