using System.Diagnostics;
using System.Text.Json;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Messaging.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// Adds <paramref name="message"/> to the outbox of <paramref name="db"/>: it is written by the next
    /// <c>SaveChanges</c>, in the same transaction as the change it reports, and published after commit.
    /// Nothing is published if the transaction rolls back. <paramref name="customerId"/> is the customer
    /// the event concerns: that customer's events reach consumers in commit order.
    /// </summary>
    public static OutboxMessage AddEvent<TMessage>(this DbContext db, TMessage message, Guid customerId, DateTimeOffset? occurredAt = null)
        where TMessage : class
    {
        var type = typeof(TMessage);
        MessageTypes.Register(type);
        var row = new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(),
            MessageType = MessageTypes.UrnOf(type),
            Body = JsonSerializer.Serialize(message, type, MessageTypes.Json),
            CustomerId = customerId,
            OccurredAt = occurredAt ?? DateTimeOffset.UtcNow,
            CorrelationId = CorrelationContext.Current,
            TraceParent = Activity.Current?.Id,
            SchemaVersion = MessageTypes.SchemaVersionOf(type),
        };
        db.Add(row);
        return row;
    }
}
