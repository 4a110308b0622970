namespace CrmPlatform.Messaging.Inbox;

/// <summary>
/// Applies one event to a service's own data. It runs inside the inbox transaction: make changes
/// through the service's DbContext (and add follow-up events with <c>AddEvent</c>); the inbox saves
/// and commits them with the record that the event was applied. Throw to have it retried.
/// </summary>
public interface IEventHandler<TMessage> where TMessage : class
{
    Task HandleAsync(EventContext<TMessage> context, CancellationToken cancellationToken);
}

/// <summary>An event being applied, with the identity and order data of its envelope.</summary>
public sealed class EventContext<TMessage>(IncomingEvent incoming, TMessage message) where TMessage : class
{
    private readonly List<Func<Task>> _afterCommit = [];

    public TMessage Message { get; } = message;
    public Guid MessageId => incoming.MessageId;
    public Guid CustomerId => incoming.CustomerId;
    public long Sequence => incoming.Sequence;
    public DateTimeOffset OccurredAt => incoming.OccurredAt;
    public string? CorrelationId => incoming.CorrelationId;

    /// <summary>Work that must see the committed change (a cache invalidation); failures are logged, not retried.</summary>
    public void AfterCommit(Func<Task> action) => _afterCommit.Add(action);

    internal IReadOnlyList<Func<Task>> AfterCommitActions => _afterCommit;
}
