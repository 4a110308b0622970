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
/// An event set aside for delayed redelivery after its handler kept failing, or held behind such an
/// event of the same customer so that order is kept. The consumer's deferred-message processor
/// applies each customer's head row when due; when its redeliveries are spent it goes to the error queue.
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
