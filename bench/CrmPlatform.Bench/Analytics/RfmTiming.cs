using System.Diagnostics;
using System.Text.Json;

namespace CrmPlatform.Bench.Analytics;

/// <summary>One full RFM recompute: how long (HTTP round trip), how many customers were scored and changed segment.</summary>
internal sealed record RfmResult(string Run, double Seconds, DateTimeOffset ScoredAt, long Customers, long Changed, IReadOnlyDictionary<string, double> Cores);

/// <summary>
/// Times a full RFM recompute through the service's <c>POST /api/analytics/rfm/recompute</c>: the same job its timer runs,
/// in the service's process, answered when committed (scores, segments and the segment-change events in the outbox).
/// </summary>
internal static class RfmTiming
{
    public static async Task<RfmResult> RunAsync(Uri service, string name, CancellationToken cancellationToken)
    {
        using var client = BenchAuth.Client(service, TimeSpan.FromMinutes(30));
        var cpuFrom = CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/api/analytics/rfm/recompute", content: null, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var cores = CpuMeter.CoresUsed(cpuFrom, CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"RFM recompute: {(int)response.StatusCode} {body}");
        }

        using var answer = JsonDocument.Parse(body);
        var root = answer.RootElement;
        return new RfmResult(name, seconds, root.GetProperty("scoredAt").GetDateTimeOffset(), root.GetProperty("customers").GetInt64(),
            root.GetProperty("changed").GetInt64(), cores);
    }
}
