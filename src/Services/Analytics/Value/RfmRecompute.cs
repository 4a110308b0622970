using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Analytics.Relationships;
using CrmPlatform.Contracts.Analytics;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmPlatform.Analytics.Value;

/// <summary>
/// Recomputes the RFM quintile scores of every customer with purchases in one set-based statement, names the segments and
/// publishes <c>CustomerValueSegmentChanged</c> for each customer whose segment changed, in the same transaction. A
/// transaction-level advisory lock makes one instance of the service do it at a time.
/// </summary>
/// <remarks>
/// Scores are 1 + ⌊5 · percent_rank⌋ (capped at 5) rather than <c>ntile(5)</c>: ntile splits ties between buckets, so two
/// customers with the same single purchase could score F = 1 and F = 2; with percent_rank equal values always score the same.
/// Recency ranks the last purchase (later is better), frequency the purchase days, monetary the net revenue.
/// </remarks>
public sealed partial class RfmRecompute(
    IServiceScopeFactory scopes, IOptions<ValueOptions> options, TimeProvider clock, ILogger<RfmRecompute> logger) : BackgroundService
{
    private const long LockKey = 0x52464D; // "RFM"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RfmInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RecomputeAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, options.Value.RfmInterval);
            }
        }
    }

    /// <summary>Scores everyone now; answers how many customers were scored and how many changed segment.</summary>
    public async Task<RfmRecomputeResult> RecomputeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        var now = clock.GetUtcNow().ToPostgresPrecision();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);

        var changed = new List<(Guid CustomerId, string? Previous, string Segment, int R, int F, int M)>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var command = new NpgsqlCommand($"""
            WITH scored AS (
                SELECT customer_id, segment AS previous,
                       least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY last_purchase_at)))::int AS r,
                       least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY purchase_days)))::int AS f,
                       least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY revenue)))::int AS m
                FROM analytics.customer_values
            ), named AS (
                SELECT *, {RfmSegments.SqlCase("r", "f")} AS segment FROM scored
            )
            UPDATE analytics.customer_values v
            SET recency_score = n.r, frequency_score = n.f, monetary_score = n.m, segment = n.segment, scored_at = @now,
                previous_segment = CASE WHEN n.previous IS DISTINCT FROM n.segment THEN n.previous ELSE v.previous_segment END
            FROM named n
            WHERE v.customer_id = n.customer_id
              AND (v.recency_score, v.frequency_score, v.monetary_score, v.segment) IS DISTINCT FROM (n.r, n.f, n.m, n.segment)
            RETURNING v.customer_id, n.previous, n.segment, n.r, n.f, n.m
            """, connection, (NpgsqlTransaction)transaction.GetDbTransaction()))
        {
            command.Parameters.AddWithValue("now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var previous = reader.IsDBNull(1) ? null : reader.GetString(1);
                var segment = reader.GetString(2);
                if (previous != segment)
                {
                    changed.Add((reader.GetGuid(0), previous, segment, reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
                }
            }
        }

        // Through COPY: the first recompute of a large base moves nearly every customer's segment at once.
        await db.CopyEventsAsync(changed.Select(c => (new CustomerValueSegmentChanged
        {
            CustomerId = c.CustomerId,
            PreviousSegment = c.Previous,
            Segment = c.Segment,
            RecencyScore = c.R,
            FrequencyScore = c.F,
            MonetaryScore = c.M,
            ChangedAt = now,
        }, c.CustomerId)), now, cancellationToken);

        var scored = await db.CustomerValues.CountAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Scores moved even when no segment did (the distribution's scoredAt, revenue by segment of new buyers).
        await scope.ServiceProvider.GetRequiredService<ViewCache>().ChangedAsync();
        if (changed.Count > 0)
        {
            scope.ServiceProvider.GetRequiredService<OutboxSignal<AnalyticsDbContext>>().Notify();
            await scope.ServiceProvider.GetRequiredService<AttentionCache>().ChangedAsync();
        }

        return new RfmRecomputeResult(now, scored, changed.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The RFM recompute failed; it runs again in {Interval}.")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan interval);
}

/// <summary>What a recompute did: when it scored, how many customers it scored, how many of them changed segment.</summary>
public sealed record RfmRecomputeResult(DateTimeOffset ScoredAt, int Customers, int Changed);
