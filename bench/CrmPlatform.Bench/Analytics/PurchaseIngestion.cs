using System.Diagnostics;
using System.Text.Json;

namespace CrmPlatform.Bench.Analytics;

/// <summary>One request of the bulk load: rows sent, what the service answered, and how long from first byte to answer.</summary>
internal sealed record IngestionChunk(int Number, long Rows, long Bytes, long Accepted, long Duplicate, long Rejected, double Seconds, IReadOnlyDictionary<string, double> Cores)
{
    public double RowsPerSecond => Rows / Seconds;
}

/// <summary>
/// Streams the generated purchases to <c>POST /api/analytics/purchases/history</c> straight at the service (the gateway
/// is not the bulk path's bottleneck and the target is the service's), one request per chunk, one after the
/// other. A chunk's time runs from its first byte sent to its answer; every answer must accept every row sent.
/// </summary>
internal static class PurchaseIngestion
{
    public static async Task<IReadOnlyList<IngestionChunk>> RunAsync(
        Uri service, PurchaseCsvGenerator generator, long total, int chunkRows, TextWriter report, CancellationToken cancellationToken)
    {
        using var client = BenchAuth.Client(service, Timeout.InfiniteTimeSpan);
        var chunks = new List<IngestionChunk>();
        for (long sent = 0; sent < total;)
        {
            var rows = Math.Min(chunkRows, total - sent);
            using var content = new PurchaseCsvContent(generator, rows);
            var cpuFrom = CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
            using var response = await client.PostAsync("/api/analytics/purchases/history", content, cancellationToken);
            var answered = Stopwatch.GetTimestamp();
            var cores = CpuMeter.CoresUsed(cpuFrom, CpuMeter.Take(answered / (double)Stopwatch.Frequency));
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Chunk {chunks.Count + 1}: {(int)response.StatusCode} {body}");
            }

            using var answer = JsonDocument.Parse(body);
            var root = answer.RootElement;
            var chunk = new IngestionChunk(chunks.Count + 1, rows, content.Bytes,
                root.GetProperty("accepted").GetInt64(), root.GetProperty("duplicate").GetInt64(), root.GetProperty("rejected").GetInt64(),
                Stopwatch.GetElapsedTime(content.FirstByteTimestamp, answered).TotalSeconds, cores);
            chunks.Add(chunk);
            sent += rows;
            await report.WriteLineAsync(FormattableString.Invariant(
                $"chunk {chunk.Number}: {rows:N0} rows ({content.Bytes / 1048576.0:F0} MiB) in {chunk.Seconds:F1} s = {chunk.RowsPerSecond:N0} rows/s; accepted {chunk.Accepted:N0}, duplicate {chunk.Duplicate}, rejected {chunk.Rejected}; cores {Cores(cores)}; load {Load()}"));
            if (chunk.Accepted != rows)
            {
                throw new InvalidOperationException($"Chunk {chunk.Number}: {rows:N0} rows sent but {chunk.Accepted:N0} accepted: {body[..Math.Min(body.Length, 2000)]}");
            }
        }

        return chunks;
    }

    public static string Cores(IReadOnlyDictionary<string, double> cores) =>
        string.Join(", ", cores.Where(c => !c.Key.Contains('/', StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => FormattableString.Invariant($"{c.Key} {c.Value:F2}")));

    public static string Load() => File.ReadAllText("/proc/loadavg").Trim();
}
