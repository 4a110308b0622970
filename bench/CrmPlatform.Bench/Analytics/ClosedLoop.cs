using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace CrmPlatform.Bench.Analytics;

/// <summary>What a closed-loop window measured: the HTTP round trips seen by the clients, and who used the CPU meanwhile.</summary>
internal sealed record LoadResult(string Name, string Target, int Clients, double Seconds, int Requests, int Errors, string? FirstError,
    double P50, double P90, double P99, double Max, IReadOnlyDictionary<string, double> Cores)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Closed loop: each client sends its next request as soon as its previous answer arrived, for a warm-up (not counted)
/// then a measured window. A request counts when it was sent in the window and answered before its end.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(string name, string target, Uri address, Func<Random, string> nextPath,
        int clients, double warmupSeconds, double seconds, CancellationToken stop)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = BenchAuth.Client(address, TimeSpan.FromSeconds(60), handler);
        var samples = new ConcurrentBag<(double Ms, bool Ok)>();
        string? firstError = null;
        var windowStart = Stopwatch.GetTimestamp() + (long)(warmupSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(seconds * Stopwatch.Frequency);
        var tasks = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var random = new Random((name.Length * 1000) + i);
            while (!stop.IsCancellationRequested && Stopwatch.GetTimestamp() < windowEnd)
            {
                var path = nextPath(random);
                var sent = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    using var response = await client.GetAsync(path, stop);
                    await response.Content.ReadAsByteArrayAsync(stop);
                    ok = response.StatusCode == HttpStatusCode.OK;
                    if (!ok)
                    {
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} on {path}", null);
                    }
                }
                catch (HttpRequestException ex)
                {
                    ok = false;
                    Interlocked.CompareExchange(ref firstError, $"{ex.Message} on {path}", null);
                }

                var answered = Stopwatch.GetTimestamp();
                if (sent >= windowStart && answered <= windowEnd)
                {
                    samples.Add((Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds, ok));
                }
            }
        }, stop)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds), stop);
        var cpuFrom = CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
        await Task.WhenAll(tasks);
        var cores = CpuMeter.CoresUsed(cpuFrom, CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency));
        var all = samples.ToList();
        var ms = all.Select(s => s.Ms).Order().ToArray();
        return new LoadResult(name, target, clients, seconds, all.Count, all.Count(s => !s.Ok), firstError,
            Rank(ms, 0.50), Rank(ms, 0.90), Rank(ms, 0.99), ms.Length > 0 ? ms[^1] : double.NaN, cores);
    }

    /// <summary>Nearest rank, as the other scenarios compute percentiles.</summary>
    private static double Rank(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
