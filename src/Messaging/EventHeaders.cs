namespace CrmPlatform.Messaging;

/// <summary>
/// Headers every event carries besides MassTransit's envelope fields. They are on the AMQP message
/// and in the envelope's <c>headers</c>, so consumers outside .NET read them too (docs/messaging.md).
/// </summary>
public static class EventHeaders
{
    /// <summary>The customer the event concerns: the key of per-customer order.</summary>
    public const string CustomerId = "crm-customer-id";

    /// <summary>1, 2, 3… per customer across all events of the publishing service, in commit order.</summary>
    public const string Sequence = "crm-sequence";

    /// <summary>When the change committed (ISO 8601, UTC).</summary>
    public const string OccurredAt = "crm-occurred-at";

    /// <summary>The correlation id of the request or event that caused this one.</summary>
    public const string CorrelationId = "crm-correlation-id";

    /// <summary>The schema version of the message type (see <c>SchemaVersionAttribute</c>).</summary>
    public const string SchemaVersion = "crm-schema-version";
}
