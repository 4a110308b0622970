using System.Diagnostics;
using Npgsql;

namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// The analytics outbox's unsent events. The first RFM recompute publishes one <c>CustomerValueSegmentChanged</c> per
/// scored customer; the service's dispatcher then sends them to RabbitMQ in the background, which would load the machine
/// during the latency measurements, so the scenario waits for it (and reports how long the drain took).
/// </summary>
internal static class OutboxBacklog
{
    public static async Task<long> UnsentAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM analytics.outbox_messages WHERE sent_at IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Waits until nothing is unsent or <paramref name="maxSeconds"/> passed; answers the seconds waited and what is left.</summary>
    public static async Task<(double Seconds, long Left)> WaitForDrainAsync(NpgsqlDataSource dataSource, double maxSeconds, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lastLog = TimeSpan.Zero;
        while (true)
        {
            var left = await UnsentAsync(dataSource, cancellationToken);
            if (left == 0 || clock.Elapsed.TotalSeconds >= maxSeconds)
            {
                return (clock.Elapsed.TotalSeconds, left);
            }

            if (clock.Elapsed - lastLog >= TimeSpan.FromSeconds(10))
            {
                lastLog = clock.Elapsed;
                await log.WriteLineAsync(FormattableString.Invariant($"[outbox] {left:N0} events unsent after {clock.Elapsed.TotalSeconds:F0} s"));
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
