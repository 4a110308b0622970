namespace CrmPlatform.Messaging.Inbox;

/// <summary>
/// An event a consumer has applied, written in the same transaction as its effect: the proof that
/// a redelivery must have no second effect. <see cref="Position"/> records the order of application.
/// </summary>
public sealed class InboxMessage
{
    /// <summary>The consumer (its queue name): one service may apply one event in several consumers.</summary>
    public required string Consumer { get; init; }

    public Guid MessageId { get; init; }
    public long Position { get; private set; }
    public Guid CustomerId { get; init; }
    public long Sequence { get; init; }
    public DateTimeOffset AppliedAt { get; init; }
}

/// <summary>
/// How far a consumer has applied a customer's events: the next event it applies must carry
/// <see cref="LastSequence"/> + 1. An event that arrives early waits in the deferred table.
/// </summary>
public sealed class InboxStream
{
    public required string Consumer { get; init; }
    public Guid CustomerId { get; init; }
    public long LastSequence { get; init; }
}

/// <summary>
/// An event set aside: for delayed redelivery after its handler kept failing (<see cref="Attempts"/>
/// &gt; 0), or held because it arrived before an earlier event of its customer (0 attempts). A held
/// event is applied as soon as the gap closes, or when the gap timeout passes.
/// </summary>
public sealed class DeferredMessage
{
    public long Position { get; private set; }
    public required string Consumer { get; init; }
    public Guid MessageId { get; init; }
    public required string MessageType { get; init; }
    public required string Body { get; init; }
    public Guid CustomerId { get; init; }
    public long Sequence { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string? CorrelationId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public string? LastError { get; init; }
}
