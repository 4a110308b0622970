using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Messaging.Inbox;

/// <summary>
/// The deferred table's two jobs. Catch-up: once a customer's next event is applied, the events that
/// arrived ahead of it are applied in sequence order. Redelivery: a failed event is tried again when
/// due; when its redeliveries are spent it goes to the error queue and the stream moves past it.
/// Every application goes through <see cref="InboxProcessor{TContext}"/>, so running this twice
/// (two instances, a crash midway) never applies an event twice.
/// </summary>
internal sealed partial class DeferredMessages<TContext>(
    IServiceScopeFactory scopes,
    ConsumerRegistrations registrations,
    IBus sender,
    IOptions<MessagingOptions> options,
    ILogger<DeferredMessages<TContext>> logger) where TContext : DbContext
{
    private const string Columns =
        "d.position, d.consumer, d.message_type, d.body::text, d.message_id, d.customer_id, d.sequence, d.occurred_at, d.correlation_id, d.attempts, d.last_error";

    /// <summary>Applies the customer's held events that are now next in line.</summary>
    public async Task CatchUpAsync(string consumer, Guid customerId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var head = await QueryAsync($$"""
                SELECT {{Columns}} FROM {table} d WHERE d.consumer = @consumer AND d.customer_id = @customer
                ORDER BY d.sequence, d.position LIMIT 1
                """, cancellationToken, ("consumer", consumer), ("customer", customerId));
            if (head is not { Attempts: 0 })
            {
                return; // nothing held, or the head is a failed event waiting for its redelivery
            }

            if (await TryApplyAsync(head, skipGap: false, cancellationToken) is not (ApplyOutcome.Applied or ApplyOutcome.Duplicate))
            {
                return;
            }
        }
    }

    /// <summary>Handles one due head row (a redelivery, or a held event past the gap timeout); false when none is due.</summary>
    public async Task<bool> ProcessNextDueAsync(CancellationToken cancellationToken)
    {
        var row = await QueryAsync($$"""
            SELECT {{Columns}} FROM {table} d
            WHERE d.next_attempt_at <= now()
              AND NOT EXISTS (SELECT 1 FROM {table} earlier
                              WHERE earlier.consumer = d.consumer AND earlier.customer_id = d.customer_id
                                AND (earlier.sequence, earlier.position) < (d.sequence, d.position))
            ORDER BY d.next_attempt_at LIMIT 1
            """, cancellationToken);
        if (row is null)
        {
            return false;
        }

        if (await TryApplyAsync(row, skipGap: true, cancellationToken) is not null)
        {
            LogRedelivered(logger, row.Incoming.MessageId, row.Consumer, row.Attempts);
            await CatchUpAsync(row.Consumer, row.Incoming.CustomerId, cancellationToken);
        }

        return true;
    }

    /// <summary>Applies a row; on failure records it (and dead-letters it when spent). Null when it failed.</summary>
    private async Task<ApplyOutcome?> TryApplyAsync(DeferredRow row, bool skipGap, CancellationToken cancellationToken)
    {
        var registration = registrations.For(row.Consumer, row.MessageType);
        Exception failure;
        if (registration is null)
        {
            // A consumer removed from the code while it had deferred events: nothing here can apply them.
            failure = new InvalidOperationException($"No consumer of {row.MessageType} on {row.Consumer} in this service.");
        }
        else
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await registration.ApplyDeferred(scope.ServiceProvider, row, skipGap, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = ex;
            }
        }

        await RecordFailureAsync(row, registration, failure, cancellationToken);
        return null;
    }

    private async Task RecordFailureAsync(DeferredRow row, ConsumerRegistration? registration, Exception failure, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts + 1;
        var reason = InboxProcessor<TContext>.Describe(failure);
        var intervals = options.Value.RedeliveryIntervals;
        await using var scope = scopes.CreateAsyncScope();
        if (attempts <= intervals.Length && registration is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var reschedule = $"UPDATE \"{db.Model.GetDefaultSchema()}\".{MessagingModel.DeferredTable} SET attempts = {{0}}, next_attempt_at = now() + {{1}}, last_error = {{2}} WHERE position = {{3}}";
            await db.Database.ExecuteSqlRawAsync(reschedule, [attempts, intervals[attempts - 1], reason, row.Position], cancellationToken);
            LogRedeliveryFailed(logger, failure, row.Incoming.MessageId, row.Consumer, attempts, intervals[attempts - 1].TotalSeconds);
            return;
        }

        if (registration is not null)
        {
            await registration.DeadLetter(sender, row with { Attempts = attempts, LastError = reason }, cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<InboxProcessor<TContext>>().SkipAsync(row.Consumer, row.Incoming, row.Position, cancellationToken);
        MessagingMetrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("consumer", row.Consumer));
        LogDeadLettered(logger, failure, row.Incoming.MessageId, row.Consumer, attempts, row.Consumer + "_error", row.Incoming.CustomerId);
        await CatchUpAsync(row.Consumer, row.Incoming.CustomerId, cancellationToken);
    }

    private async Task<DeferredRow?> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var table = $"\"{db.Model.GetDefaultSchema()}\".{MessagingModel.DeferredTable}";
        await using var command = db.Command(sql.Replace("{table}", table, StringComparison.Ordinal), [.. parameters.Select(p => (p.Name, (object?)p.Value))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var incoming = new IncomingEvent(reader.GetGuid(4), reader.GetGuid(5), reader.GetInt64(6), reader.GetFieldValue<DateTimeOffset>(7),
            reader.IsDBNull(8) ? null : reader.GetString(8));
        return new DeferredRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), incoming,
            reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetString(10));
    }

    [LoggerMessage(LogLevel.Information, "Deferred event {MessageId} in {Consumer} applied (after {Attempts} failed attempts)")]
    private static partial void LogRedelivered(ILogger logger, Guid messageId, string consumer, int attempts);

    [LoggerMessage(LogLevel.Warning, "Redelivery {Attempt} of event {MessageId} in {Consumer} failed; next in {DelaySeconds} s")]
    private static partial void LogRedeliveryFailed(ILogger logger, Exception exception, Guid messageId, string consumer, int attempt, double delaySeconds);

    [LoggerMessage(LogLevel.Error, "Event {MessageId} in {Consumer} failed {Attempts} times and was moved to {ErrorQueue}; customer {CustomerId}'s later events proceed")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, Guid messageId, string consumer, int attempts, string errorQueue, Guid customerId);
}
