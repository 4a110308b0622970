using System.Diagnostics;
using System.Data.Common;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmPlatform.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows and marks them sent once the broker has confirmed them.
/// <para>
/// Each round claims, with <c>FOR UPDATE SKIP LOCKED</c>, the oldest unsent event of up to a batch of
/// customers (their stream heads), and with each head the next unsent events of that customer, up to
/// <see cref="MessagingOptions.DispatchPerCustomer"/>. Holding the head locks the customer's stream:
/// no other instance can claim any of its events meanwhile. A customer's events are published one
/// after another, each confirmed before the next (a failure stops that customer's run), so event
/// N+1 never reaches the broker before N; different customers go out concurrently. A crash after the
/// publish but before the mark republishes with the same message id, which the inbox recognises.
/// </para>
/// </summary>
internal sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    OutboxSignal<TContext> signal,
    IBus bus,
    IOptions<MessagingOptions> options,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private readonly MessagingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.DispatchPaused)
        {
            LogPaused(logger, typeof(TContext).Name);
            return;
        }

        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await DispatchOnceAsync(stoppingToken);
                if (result.Failed > 0)
                {
                    backoff = NextBackoff(backoff);
                    await Task.Delay(backoff, stoppingToken);
                    continue;
                }

                backoff = TimeSpan.Zero;
                if (result.Claimed == 0)
                {
                    await signal.WaitAsync(_options.DispatchPollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException)
            {
                backoff = NextBackoff(backoff);
                LogRoundFailed(logger, ex, backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken);
            }
        }
    }

    /// <summary>One round: claim up to a batch of stream heads, publish them, mark what was confirmed.</summary>
    internal async Task<DispatchResult> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var schema = db.Model.GetDefaultSchema() ?? "public";
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var claimed = await ClaimAsync(connection, transaction, schema, cancellationToken);
        if (claimed.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return new DispatchResult(0, 0);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        var runs = await Task.WhenAll(claimed.GroupBy(r => r.CustomerId).Select(stream => PublishInOrderAsync([.. stream], timeout.Token)));

        var attempted = runs.SelectMany(r => r.Attempted).ToArray();
        var sent = runs.SelectMany(r => r.Sent).ToArray();
        var firstError = runs.Select(r => r.Error).FirstOrDefault(e => e is not null);
        var failed = attempted.Length - sent.Length;

        // The mark must land even if the service is stopping: the broker already has these events.
        await MarkAsync(connection, transaction, schema, attempted, sent, firstError);
        await transaction.CommitAsync(CancellationToken.None);

        MessagingMetrics.Published.Add(sent.Length);
        if (failed > 0)
        {
            MessagingMetrics.PublishFailures.Add(failed);
            LogPublishFailed(logger, failed, claimed.Count, firstError);
        }

        return new DispatchResult(claimed.Count, failed);
    }

    /// <summary>One customer's claimed events, in sequence order, each confirmed before the next; stops at the first failure.</summary>
    private async Task<(List<long> Attempted, List<long> Sent, string? Error)> PublishInOrderAsync(ClaimedRow[] stream, CancellationToken cancellationToken)
    {
        var attempted = new List<long>(stream.Length);
        var sent = new List<long>(stream.Length);
        foreach (var row in stream)
        {
            attempted.Add(row.Position);
            if (await PublishAsync(row, cancellationToken) is { } error)
            {
                return (attempted, sent, error);
            }

            sent.Add(row.Position);
        }

        return (attempted, sent, null);
    }

    private async Task<string?> PublishAsync(ClaimedRow row, CancellationToken cancellationToken)
    {
        // The publish span continues the trace of the request that wrote the event.
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = MessagingMetrics.Activities.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.MessageId);
        try
        {
            var type = MessageTypes.Resolve(row.MessageType)
                ?? throw new InvalidOperationException($"Unknown message type {row.MessageType}.");
            var message = JsonSerializer.Deserialize(row.Body, type, MessageTypes.Json)!;
            await bus.Publish(message, type, Pipe.Execute<PublishContext>(context => Stamp(context, row)), cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private static void Stamp(PublishContext context, ClaimedRow row)
    {
        context.MessageId = row.MessageId;
        context.Durable = true;
        if (Guid.TryParse(row.CorrelationId, out var correlationId))
        {
            context.CorrelationId = correlationId;
        }

        context.Headers.Set(EventHeaders.CustomerId, row.CustomerId.ToString());
        context.Headers.Set(EventHeaders.Sequence, row.Sequence);
        context.Headers.Set(EventHeaders.OccurredAt, row.OccurredAt.UtcDateTime.ToString("O"));
        context.Headers.Set(EventHeaders.SchemaVersion, row.SchemaVersion);
        if (row.CorrelationId is not null)
        {
            context.Headers.Set(EventHeaders.CorrelationId, row.CorrelationId);
        }
    }

    private async Task<List<ClaimedRow>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        // Heads are found through the partial index of unsent rows by (customer, sequence), so a
        // customer with a long sent history costs nothing; the rows after a head ride on its lock.
        await using var command = new NpgsqlCommand($"""
            WITH heads AS (
                SELECT o.customer_id, o.sequence
                FROM "{schema}".{MessagingModel.OutboxTable} o
                WHERE o.sent_at IS NULL
                  AND NOT EXISTS (
                      SELECT 1 FROM "{schema}".{MessagingModel.OutboxTable} earlier
                      WHERE earlier.customer_id = o.customer_id AND earlier.sequence < o.sequence AND earlier.sent_at IS NULL)
                ORDER BY o.position
                LIMIT @limit
                FOR UPDATE OF o SKIP LOCKED)
            SELECT r.position, r.message_id, r.message_type, r.body::text, r.customer_id, r.sequence, r.occurred_at, r.correlation_id, r.schema_version, r.trace_parent
            FROM heads h
            CROSS JOIN LATERAL (
                SELECT n.* FROM "{schema}".{MessagingModel.OutboxTable} n
                WHERE n.customer_id = h.customer_id AND n.sent_at IS NULL AND n.sequence >= h.sequence
                ORDER BY n.sequence
                LIMIT @perCustomer) r
            ORDER BY r.customer_id, r.sequence
            """, connection, transaction);
        command.Parameters.AddWithValue("limit", _options.DispatchBatchSize);
        command.Parameters.AddWithValue("perCustomer", _options.DispatchPerCustomer);
        var rows = new List<ClaimedRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ClaimedRow(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetGuid(4),
                reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return rows;
    }

    private static async Task MarkAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, long[] claimed, long[] sent, string? error)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE "{schema}".{MessagingModel.OutboxTable}
            SET attempts = attempts + 1,
                sent_at = CASE WHEN position = ANY(@sent) THEN now() ELSE sent_at END,
                last_error = CASE WHEN position = ANY(@sent) THEN last_error ELSE @error END
            WHERE position = ANY(@claimed)
            """, connection, transaction);
        command.Parameters.AddWithValue("sent", sent);
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("claimed", claimed);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private TimeSpan NextBackoff(TimeSpan current) =>
        current == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100)
        : TimeSpan.FromTicks(Math.Min(current.Ticks * 2, _options.MaxDispatchBackoff.Ticks));

    internal readonly record struct DispatchResult(int Claimed, int Failed);

    private sealed record ClaimedRow(
        long Position, Guid MessageId, string MessageType, string Body, Guid CustomerId, long Sequence,
        DateTimeOffset OccurredAt, string? CorrelationId, int SchemaVersion, string? TraceParent);

    [LoggerMessage(LogLevel.Warning, "Outbox dispatch of {Context} is paused by configuration (Messaging:DispatchPaused); committed events stay unsent")]
    private static partial void LogPaused(ILogger logger, string context);

    [LoggerMessage(LogLevel.Warning, "Outbox: {Failed} of {Claimed} events not confirmed by the broker; they stay in the outbox and are retried ({Error})")]
    private static partial void LogPublishFailed(ILogger logger, int failed, int claimed, string? error);

    [LoggerMessage(LogLevel.Warning, "Outbox dispatch round failed; retrying in {BackoffMs} ms")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, double backoffMs);
}
