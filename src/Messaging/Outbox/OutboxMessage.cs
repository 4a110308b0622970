namespace CrmPlatform.Messaging.Outbox;

/// <summary>
/// An event committed with the change that caused it, waiting for (or past) its publication.
/// <see cref="Sequence"/> is assigned by the database (trigger <c>outbox_assign_sequence</c>), which
/// holds the customer's stream row locked until commit: sequence order is commit order.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the dispatcher works through unsent rows in this order.</summary>
    public long Position { get; private set; }

    /// <summary>The wire message id: a redelivery or a republish after a crash keeps it.</summary>
    public Guid MessageId { get; init; }

    /// <summary>The wire type name, <c>urn:message:Namespace:TypeName</c>.</summary>
    public required string MessageType { get; init; }

    public required string Body { get; init; }
    public Guid CustomerId { get; init; }
    public long Sequence { get; private set; }
    public DateTimeOffset OccurredAt { get; init; }
    public string? CorrelationId { get; init; }

    /// <summary>W3C traceparent of the writing request, so the publish joins its trace.</summary>
    public string? TraceParent { get; init; }

    public int SchemaVersion { get; init; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
}

/// <summary>The last sequence number given out per customer.</summary>
public sealed class OutboxStream
{
    public Guid CustomerId { get; init; }
    public long LastSequence { get; init; }
}
