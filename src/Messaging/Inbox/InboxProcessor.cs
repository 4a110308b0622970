using System.Text.Json;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmPlatform.Messaging.Inbox;

public enum ApplyOutcome
{
    /// <summary>The handler ran and its effect committed with the inbox record.</summary>
    Applied,

    /// <summary>The inbox already had this message id for this consumer: no second effect.</summary>
    Duplicate,

    /// <summary>An earlier event of the same customer is waiting for redelivery; this one queues behind it.</summary>
    Held,
}

/// <summary>
/// Applies one event exactly once per consumer: under a lock on the (consumer, customer) pair, it
/// checks the inbox, runs the handler, and commits the handler's changes together with the inbox
/// record. One scope, one DbContext, one transaction per event.
/// </summary>
public sealed partial class InboxProcessor<TContext>(TContext db, IServiceProvider services, ILogger<InboxProcessor<TContext>> logger)
    where TContext : DbContext
{
    private readonly string _schema = db.Model.GetDefaultSchema() ?? "public";

    /// <summary>Applies a live event from the broker; it is held if its customer's stream is waiting on a redelivery.</summary>
    public Task<ApplyOutcome> ApplyAsync<TMessage>(string consumer, IncomingEvent incoming, TMessage message, CancellationToken cancellationToken)
        where TMessage : class =>
        ApplyAsync(consumer, incoming, message, deferredPosition: null, cancellationToken);

    internal async Task<ApplyOutcome> ApplyAsync<TMessage>(
        string consumer, IncomingEvent incoming, TMessage message, long? deferredPosition, CancellationToken cancellationToken)
        where TMessage : class
    {
        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await LockStreamAsync(consumer, incoming.CustomerId, cancellationToken);

        if (await ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM \"{_schema}\".{MessagingModel.InboxTable} WHERE consumer = @consumer AND message_id = @id)",
                cancellationToken, ("consumer", consumer), ("id", incoming.MessageId)))
        {
            await DeleteDeferredAsync(deferredPosition, cancellationToken);
            await CommitAsync(transaction, cancellationToken);
            MessagingMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
            LogDuplicate(logger, incoming.MessageId, consumer);
            return ApplyOutcome.Duplicate;
        }

        if (deferredPosition is null && await IsHeldAsync(consumer, incoming.CustomerId, cancellationToken))
        {
            await InsertDeferredAsync(consumer, incoming, message, attempts: 0, DateTimeOffset.UtcNow, "held behind an earlier event of this customer", cancellationToken);
            await CommitAsync(transaction, cancellationToken);
            MessagingMetrics.Deferred.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
            return ApplyOutcome.Held;
        }

        var context = new EventContext<TMessage>(incoming, message);
        var outerCorrelation = CorrelationContext.Current;
        CorrelationContext.Current = incoming.CorrelationId;
        try
        {
            await services.GetRequiredService<IEventHandler<TMessage>>().HandleAsync(context, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            CorrelationContext.Current = outerCorrelation;
        }

        await ExecuteAsync($"""
            INSERT INTO "{_schema}".{MessagingModel.InboxTable} (consumer, message_id, customer_id, sequence, applied_at)
            VALUES (@consumer, @id, @customer, @sequence, now())
            """, cancellationToken, ("consumer", consumer), ("id", incoming.MessageId), ("customer", incoming.CustomerId), ("sequence", incoming.Sequence));
        await DeleteDeferredAsync(deferredPosition, cancellationToken);
        await CommitAsync(transaction, cancellationToken);

        MessagingMetrics.Applied.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
        MessagingMetrics.CommitToApply.Record((DateTimeOffset.UtcNow - incoming.OccurredAt).TotalMilliseconds, new KeyValuePair<string, object?>("consumer", consumer));
        foreach (var action in context.AfterCommitActions)
        {
            try
            {
                await action();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogAfterCommitFailed(logger, ex, incoming.MessageId, consumer);
            }
        }

        return ApplyOutcome.Applied;
    }

    /// <summary>Sets an event aside for delayed redelivery after its immediate retries failed.</summary>
    public async Task DeferAsync<TMessage>(string consumer, IncomingEvent incoming, TMessage message, Exception failure, TimeSpan delay, CancellationToken cancellationToken)
        where TMessage : class
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockStreamAsync(consumer, incoming.CustomerId, cancellationToken);
        await InsertDeferredAsync(consumer, incoming, message, attempts: 1, DateTimeOffset.UtcNow + delay, Describe(failure), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        MessagingMetrics.Deferred.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
    }

    internal static string Describe(Exception failure)
    {
        var text = $"{failure.GetType().Name}: {failure.Message}";
        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
        {
            text += $" --> {inner.GetType().Name}: {inner.Message}";
        }

        return text.Length <= 2000 ? text : text[..2000];
    }

    private Task LockStreamAsync(string consumer, Guid customerId, CancellationToken cancellationToken) =>
        ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext(@consumer), hashtext(@customer))", cancellationToken,
            ("consumer", consumer), ("customer", customerId.ToString("N")));

    private Task<bool> IsHeldAsync(string consumer, Guid customerId, CancellationToken cancellationToken) =>
        ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM \"{_schema}\".{MessagingModel.DeferredTable} WHERE consumer = @consumer AND customer_id = @customer)",
            cancellationToken, ("consumer", consumer), ("customer", customerId));

    private Task InsertDeferredAsync<TMessage>(
        string consumer, IncomingEvent incoming, TMessage message, int attempts, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken)
        where TMessage : class =>
        ExecuteAsync($"""
            INSERT INTO "{_schema}".{MessagingModel.DeferredTable}
                (consumer, message_id, message_type, body, customer_id, sequence, occurred_at, correlation_id, received_at, attempts, next_attempt_at, last_error)
            VALUES (@consumer, @id, @type, @body::jsonb, @customer, @sequence, @occurred, @correlation, now(), @attempts, @next, @error)
            ON CONFLICT (consumer, message_id) DO NOTHING
            """, cancellationToken,
            ("consumer", consumer), ("id", incoming.MessageId), ("type", MessageTypes.UrnOf(typeof(TMessage))),
            ("body", JsonSerializer.Serialize(message, MessageTypes.Json)), ("customer", incoming.CustomerId), ("sequence", incoming.Sequence),
            ("occurred", incoming.OccurredAt), ("correlation", incoming.CorrelationId), ("attempts", attempts), ("next", nextAttemptAt), ("error", reason));

    private Task DeleteDeferredAsync(long? position, CancellationToken cancellationToken) =>
        position is { } p
            ? ExecuteAsync($"DELETE FROM \"{_schema}\".{MessagingModel.DeferredTable} WHERE position = @position", cancellationToken, ("position", p))
            : Task.CompletedTask;

    private static Task CommitAsync(IDbContextTransaction? transaction, CancellationToken cancellationToken) =>
        transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private NpgsqlCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    [LoggerMessage(LogLevel.Debug, "Event {MessageId} was already applied by {Consumer}; the redelivery has no effect")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);

    [LoggerMessage(LogLevel.Warning, "After-commit action of event {MessageId} in {Consumer} failed")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception, Guid messageId, string consumer);
}
