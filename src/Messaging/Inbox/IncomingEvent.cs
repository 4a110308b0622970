using System.Globalization;
using MassTransit;

namespace CrmPlatform.Messaging.Inbox;

/// <summary>The envelope data the inbox needs, read from a received message or a deferred row.</summary>
public sealed record IncomingEvent(Guid MessageId, Guid CustomerId, long Sequence, DateTimeOffset OccurredAt, string? CorrelationId)
{
    /// <summary>
    /// Reads our <c>crm-*</c> headers; an event from outside (an ERP) may lack them, and then its
    /// <c>CustomerId</c> property keys the order and it has no sequence.
    /// </summary>
    public static IncomingEvent From<TMessage>(ConsumeContext<TMessage> context) where TMessage : class
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("The message has no message id; events must carry one.");
        var customerId = Header(context, EventHeaders.CustomerId) is { } raw && Guid.TryParse(raw, out var fromHeader)
            ? fromHeader
            : MessageTypes.CustomerIdOf(context.Message) ?? Guid.Empty;
        var sequence = long.TryParse(Header(context, EventHeaders.Sequence), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var occurredAt = DateTimeOffset.TryParse(Header(context, EventHeaders.OccurredAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : DateTimeOffset.UtcNow;
        var correlationId = Header(context, EventHeaders.CorrelationId) ?? context.CorrelationId?.ToString("N");
        return new IncomingEvent(messageId, customerId, sequence, occurredAt, correlationId);
    }

    private static string? Header(ConsumeContext context, string name) =>
        context.Headers.TryGetHeader(name, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;
}
