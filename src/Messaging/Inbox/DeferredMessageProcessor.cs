using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmPlatform.Messaging.Inbox;

/// <summary>
/// Delayed redelivery without a broker plugin: applies, when due, the oldest deferred event of each
/// (consumer, customer). While it is there, the customer's later events queue behind it, so a retry
/// never lets a later event overtake an earlier one. When its redeliveries are spent it is moved to
/// the consumer's error queue with the reason, and the customer's next event proceeds.
/// </summary>
internal sealed partial class DeferredMessageProcessor<TContext>(
    IServiceScopeFactory scopes,
    ConsumerRegistrations registrations,
    ISendEndpointProvider sender,
    IOptions<MessagingOptions> options,
    ILogger<DeferredMessageProcessor<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private readonly MessagingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessNextAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException)
            {
                LogRoundFailed(logger, ex);
            }

            await Task.Delay(_options.DeferredPollInterval, stoppingToken);
        }
    }

    /// <summary>Applies one due head row; false when none is due.</summary>
    internal async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        DeferredRow? row;
        Exception failure;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            row = await ClaimAsync(db, cancellationToken);
            if (row is null)
            {
                await transaction.CommitAsync(cancellationToken);
                return false;
            }

            var registration = registrations.ForQueue(row.Consumer);
            if (registration is null)
            {
                // A consumer removed from the code while it had deferred events: nothing can apply them.
                failure = new InvalidOperationException($"No consumer named {row.Consumer} in this service.");
            }
            else
            {
                try
                {
                    var outcome = await registration.ApplyDeferred(scope.ServiceProvider, row, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    LogApplied(logger, row.Incoming.MessageId, row.Consumer, outcome, row.Attempts);
                    return true;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = ex;
                }
            }
        }

        await RecordFailureAsync(row, failure, cancellationToken);
        return true;
    }

    private async Task RecordFailureAsync(DeferredRow row, Exception failure, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts + 1;
        var reason = InboxProcessor<TContext>.Describe(failure);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var table = $"\"{db.Model.GetDefaultSchema()}\".{MessagingModel.DeferredTable}";
        if (attempts <= _options.RedeliveryIntervals.Length && registrations.ForQueue(row.Consumer) is not null)
        {
            var reschedule = $"UPDATE {table} SET attempts = {{0}}, next_attempt_at = now() + {{1}}, last_error = {{2}} WHERE position = {{3}}";
            await db.Database.ExecuteSqlRawAsync(reschedule,
                [attempts, _options.RedeliveryIntervals[attempts - 1], reason, row.Position], cancellationToken);
            LogRedeliveryFailed(logger, failure, row.Incoming.MessageId, row.Consumer, attempts, _options.RedeliveryIntervals[attempts - 1].TotalSeconds);
            return;
        }

        if (registrations.ForQueue(row.Consumer) is { } registration)
        {
            await registration.DeadLetter(sender, row with { Attempts = attempts, LastError = reason }, cancellationToken);
        }

        var delete = $"DELETE FROM {table} WHERE position = {{0}}";
        await db.Database.ExecuteSqlRawAsync(delete, [row.Position], cancellationToken);
        MessagingMetrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("consumer", row.Consumer));
        LogDeadLettered(logger, failure, row.Incoming.MessageId, row.Consumer, attempts, row.Consumer + "_error", row.Incoming.CustomerId);
    }

    private static async Task<DeferredRow?> ClaimAsync(TContext db, CancellationToken cancellationToken)
    {
        var table = $"\"{db.Model.GetDefaultSchema()}\".{MessagingModel.DeferredTable}";
        await using var command = new NpgsqlCommand($"""
            SELECT d.position, d.consumer, d.message_type, d.body::text, d.message_id, d.customer_id, d.sequence, d.occurred_at, d.correlation_id, d.attempts, d.last_error
            FROM {table} d
            WHERE d.next_attempt_at <= now()
              AND NOT EXISTS (SELECT 1 FROM {table} earlier
                              WHERE earlier.consumer = d.consumer AND earlier.customer_id = d.customer_id AND earlier.position < d.position)
            ORDER BY d.next_attempt_at
            LIMIT 1
            FOR UPDATE OF d SKIP LOCKED
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
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

    [LoggerMessage(LogLevel.Information, "Deferred event {MessageId} in {Consumer}: {Outcome} (after {Attempts} failed attempts)")]
    private static partial void LogApplied(ILogger logger, Guid messageId, string consumer, ApplyOutcome outcome, int attempts);

    [LoggerMessage(LogLevel.Warning, "Redelivery {Attempt} of event {MessageId} in {Consumer} failed; next in {DelaySeconds} s")]
    private static partial void LogRedeliveryFailed(ILogger logger, Exception exception, Guid messageId, string consumer, int attempt, double delaySeconds);

    [LoggerMessage(LogLevel.Error, "Event {MessageId} in {Consumer} failed {Attempts} redeliveries and was moved to {ErrorQueue}; customer {CustomerId}'s later events proceed")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, Guid messageId, string consumer, int attempts, string errorQueue, Guid customerId);

    [LoggerMessage(LogLevel.Warning, "Deferred-message round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
