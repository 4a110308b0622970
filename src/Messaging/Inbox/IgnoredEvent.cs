namespace CrmPlatform.Messaging.Inbox;

/// <summary>
/// The handler of a source's events that a service has no use for. They still pass through the
/// inbox, so the customer's stream position moves on and the events after them are not held.
/// </summary>
internal sealed class IgnoredEvent<TMessage> : IEventHandler<TMessage> where TMessage : class
{
    public Task HandleAsync(EventContext<TMessage> context, CancellationToken cancellationToken) => Task.CompletedTask;
}
