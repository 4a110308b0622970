using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CrmPlatform.Messaging.Outbox;

/// <summary>Wakes the dispatcher of <typeparamref name="TContext"/> the moment an outbox row commits.</summary>
public sealed class OutboxSignal<TContext> where TContext : DbContext
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _pending.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_pending.Reader.TryRead(out _))
        {
            return;
        }

        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(timeout);
        try
        {
            await _pending.Reader.ReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a signal: look anyway (other instances, retries).
        }
    }
}

/// <summary>
/// Notifies <see cref="OutboxSignal{TContext}"/> after a commit that wrote outbox rows: after
/// <c>SaveChanges</c> when it ran its own transaction, or after the caller's transaction commits.
/// </summary>
internal sealed class OutboxCommitInterceptor<TContext>(OutboxSignal<TContext> signal) : SaveChangesInterceptor, IDbTransactionInterceptor
    where TContext : DbContext
{
    private readonly ConditionalWeakTable<DbContext, object> _wroteOutbox = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _wroteOutbox.AddOrUpdate(context, context);
        }

        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context)
        {
            NotifyIfWritten(context);
        }

        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context)
        {
            _wroteOutbox.Remove(context);
        }

        return Task.CompletedTask;
    }

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            NotifyIfWritten(context);
        }

        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            NotifyIfWritten(context);
        }
    }

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _wroteOutbox.Remove(context);
        }

        return Task.CompletedTask;
    }

    private void NotifyIfWritten(DbContext context)
    {
        if (_wroteOutbox.Remove(context))
        {
            signal.Notify();
        }
    }
}
