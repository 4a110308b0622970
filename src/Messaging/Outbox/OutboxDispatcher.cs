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
/// Each round claims, with <c>FOR UPDATE SKIP LOCKED</c>, only rows that are the oldest unsent event
/// of their customer. So a customer's event N+1 is not published before N is confirmed, by this or
/// any other instance, while different customers' events go out concurrently. A crash after the
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
        var outcomes = await Task.WhenAll(claimed.Select(row => PublishAsync(row, timeout.Token)));

        var sent = claimed.Where((_, i) => outcomes[i] is null).Select(r => r.Position).ToArray();
        var firstError = outcomes.FirstOrDefault(o => o is not null);
        var failed = claimed.Count - sent.Length;

        // The mark must land even if the service is stopping: the broker already has these events.
        await MarkAsync(connection, transaction, schema, [.. claimed.Select(r => r.Position)], sent, firstError);
        await transaction.CommitAsync(CancellationToken.None);

        MessagingMetrics.Published.Add(sent.Length);
        if (failed > 0)
        {
            MessagingMetrics.PublishFailures.Add(failed);
            LogPublishFailed(logger, failed, claimed.Count, firstError);
        }

        return new DispatchResult(claimed.Count, failed);
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
        await using var command = new NpgsqlCommand($"""
            SELECT o.position, o.message_id, o.message_type, o.body::text, o.customer_id, o.sequence, o.occurred_at, o.correlation_id, o.schema_version, o.trace_parent
            FROM "{schema}".{MessagingModel.OutboxTable} o
            WHERE o.sent_at IS NULL
              AND NOT EXISTS (
                  SELECT 1 FROM "{schema}".{MessagingModel.OutboxTable} earlier
                  WHERE earlier.customer_id = o.customer_id AND earlier.sequence < o.sequence AND earlier.sent_at IS NULL)
            ORDER BY o.position
            LIMIT @limit
            FOR UPDATE OF o SKIP LOCKED
            """, connection, transaction);
        command.Parameters.AddWithValue("limit", _options.DispatchBatchSize);
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
