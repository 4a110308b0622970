using System.Text.Json;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Messaging.Inbox;

public enum ApplyOutcome
{
    /// <summary>The handler ran and its effect committed with the inbox record.</summary>
    Applied,

    /// <summary>Already applied (same message id, or a sequence the stream has passed): no second effect.</summary>
    Duplicate,

    /// <summary>It arrived before an earlier event of its customer; it waits in the deferred table.</summary>
    Held,
}

/// <summary>
/// Applies one event exactly once and in order per consumer: under a lock on the (consumer,
/// customer) pair it checks the inbox and the customer's stream position, runs the handler, and
/// commits the handler's changes together with the inbox record and the new stream position.
/// </summary>
public sealed partial class InboxProcessor<TContext>(
    TContext db, IServiceProvider services, IOptions<MessagingOptions> options, ILogger<InboxProcessor<TContext>> logger)
    where TContext : DbContext
{
    private readonly string _schema = db.Model.GetDefaultSchema() ?? "public";

    /// <summary>After an apply: whether events of the customer were waiting in the deferred table (then catch up).</summary>
    public bool StreamHasDeferredEvents { get; private set; }

    /// <summary>Applies a live event from the broker.</summary>
    public Task<ApplyOutcome> ApplyAsync<TMessage>(string consumer, IncomingEvent incoming, TMessage message, CancellationToken cancellationToken)
        where TMessage : class =>
        ApplyAsync(consumer, incoming, message, deferredPosition: null, skipGap: false, cancellationToken);

    /// <summary>
    /// Applies an event; <paramref name="deferredPosition"/> is the deferred row it comes from (deleted
    /// with the effect), and <paramref name="skipGap"/> applies it even though earlier events of the
    /// customer never arrived (the gap timeout passed).
    /// </summary>
    internal async Task<ApplyOutcome> ApplyAsync<TMessage>(
        string consumer, IncomingEvent incoming, TMessage message, long? deferredPosition, bool skipGap, CancellationToken cancellationToken)
        where TMessage : class
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A failure rolls the whole transaction back, so EF's savepoint around SaveChanges would only
        // cost two round trips per event.
        db.Database.AutoSavepointsEnabled = false;
        await LockStreamAsync(consumer, incoming.CustomerId, cancellationToken);

        var (last, alreadyApplied, hasDeferred) = await ReadStreamAsync(consumer, incoming, cancellationToken);
        StreamHasDeferredEvents = hasDeferred;
        if (incoming.Sequence > 0 && incoming.Sequence <= last || alreadyApplied)
        {
            await DeleteDeferredAsync(deferredPosition, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            MessagingMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
            LogDuplicate(logger, incoming.MessageId, consumer);
            return ApplyOutcome.Duplicate;
        }

        if (incoming.Sequence > last + 1 && !skipGap)
        {
            if (deferredPosition is null)
            {
                await InsertDeferredAsync(consumer, incoming, message, attempts: 0,
                    DateTimeOffset.UtcNow + options.Value.GapTimeout, $"waiting for sequence {last + 1}", cancellationToken);
                MessagingMetrics.Deferred.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
            }

            await transaction.CommitAsync(cancellationToken);
            return ApplyOutcome.Held;
        }

        if (incoming.Sequence > last + 1)
        {
            LogGapSkipped(logger, consumer, incoming.CustomerId, last + 1, incoming.Sequence - 1, incoming.MessageId);
        }

        var context = new EventContext<TMessage>(incoming, message);
        await HandleAsync(context, cancellationToken);
        await RecordAppliedAsync(consumer, incoming, cancellationToken);
        await DeleteDeferredAsync(deferredPosition, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        MessagingMetrics.Applied.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
        MessagingMetrics.CommitToApply.Record((DateTimeOffset.UtcNow - incoming.OccurredAt).TotalMilliseconds, new KeyValuePair<string, object?>("consumer", consumer));
        await RunAfterCommitAsync(context, consumer);
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

    /// <summary>Moves the stream past an event that went to the error queue, so the customer's next event can follow.</summary>
    internal async Task SkipAsync(string consumer, IncomingEvent incoming, long deferredPosition, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockStreamAsync(consumer, incoming.CustomerId, cancellationToken);
        if (incoming.Sequence > 0)
        {
            await AdvanceStreamAsync(consumer, incoming, cancellationToken);
        }

        await DeleteDeferredAsync(deferredPosition, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    private async Task HandleAsync<TMessage>(EventContext<TMessage> context, CancellationToken cancellationToken) where TMessage : class
    {
        var outerCorrelation = CorrelationContext.Current;
        CorrelationContext.Current = context.CorrelationId;
        try
        {
            await services.GetRequiredService<IEventHandler<TMessage>>().HandleAsync(context, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            CorrelationContext.Current = outerCorrelation;
        }
    }

    /// <summary>The inbox record and the new stream position, in one round trip.</summary>
    private Task RecordAppliedAsync(string consumer, IncomingEvent incoming, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            INSERT INTO "{_schema}".{MessagingModel.InboxTable} (consumer, message_id, customer_id, sequence, applied_at)
            VALUES (@consumer, @id, @customer, @sequence, now());
            INSERT INTO "{_schema}".{MessagingModel.InboxStreamTable} AS s (consumer, customer_id, last_sequence)
            SELECT @consumer, @customer, @sequence WHERE @sequence > 0
            ON CONFLICT (consumer, customer_id) DO UPDATE SET last_sequence = GREATEST(s.last_sequence, excluded.last_sequence)
            """, cancellationToken, ("consumer", consumer), ("id", incoming.MessageId), ("customer", incoming.CustomerId), ("sequence", incoming.Sequence));

    private Task AdvanceStreamAsync(string consumer, IncomingEvent incoming, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            INSERT INTO "{_schema}".{MessagingModel.InboxStreamTable} AS s (consumer, customer_id, last_sequence) VALUES (@consumer, @customer, @sequence)
            ON CONFLICT (consumer, customer_id) DO UPDATE SET last_sequence = GREATEST(s.last_sequence, excluded.last_sequence)
            """, cancellationToken, ("consumer", consumer), ("customer", incoming.CustomerId), ("sequence", incoming.Sequence));

    private async Task RunAfterCommitAsync<TMessage>(EventContext<TMessage> context, string consumer) where TMessage : class
    {
        foreach (var action in context.AfterCommitActions)
        {
            try
            {
                await action();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogAfterCommitFailed(logger, ex, context.MessageId, consumer);
            }
        }
    }

    private Task LockStreamAsync(string consumer, Guid customerId, CancellationToken cancellationToken) =>
        ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext(@consumer), hashtext(@customer))", cancellationToken,
            ("consumer", consumer), ("customer", customerId.ToString("N")));

    /// <summary>
    /// One round trip for what the decision needs: the stream position, whether this message id was
    /// applied, and whether events of the customer wait in the deferred table. A statement of its own
    /// after the lock, so its snapshot sees everything committed before the lock was granted.
    /// </summary>
    private async Task<(long Last, bool AlreadyApplied, bool HasDeferred)> ReadStreamAsync(
        string consumer, IncomingEvent incoming, CancellationToken cancellationToken)
    {
        await using var command = db.Command($"""
            SELECT
                coalesce((SELECT last_sequence FROM "{_schema}".{MessagingModel.InboxStreamTable} WHERE consumer = @consumer AND customer_id = @customer), 0),
                EXISTS (SELECT 1 FROM "{_schema}".{MessagingModel.InboxTable} WHERE consumer = @consumer AND message_id = @id),
                EXISTS (SELECT 1 FROM "{_schema}".{MessagingModel.DeferredTable} WHERE consumer = @consumer AND customer_id = @customer)
            """, [("consumer", consumer), ("customer", incoming.CustomerId), ("id", incoming.MessageId)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetBoolean(1), reader.GetBoolean(2));
    }

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

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = db.Command(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Debug, "Event {MessageId} was already applied by {Consumer}; the redelivery has no effect")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);

    [LoggerMessage(LogLevel.Error, "{Consumer} gave up waiting for sequences {From}..{To} of customer {CustomerId} and applied event {MessageId}; the missing events never arrived")]
    private static partial void LogGapSkipped(ILogger logger, string consumer, Guid customerId, long from, long to, Guid messageId);

    [LoggerMessage(LogLevel.Warning, "After-commit action of event {MessageId} in {Consumer} failed")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception, Guid messageId, string consumer);
}
