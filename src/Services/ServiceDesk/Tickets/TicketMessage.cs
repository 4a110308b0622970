using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.ServiceDesk.Tickets;

public enum MessageKind { Reply, Note }

/// <summary>A public reply to the customer, or an internal note the customer never sees.</summary>
public sealed class TicketMessage
{
    public Guid Id { get; init; }
    public Guid TicketId { get; init; }
    public MessageKind Kind { get; init; }
    public required string Author { get; init; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class TicketMessageConfiguration : IEntityTypeConfiguration<TicketMessage>
{
    public void Configure(EntityTypeBuilder<TicketMessage> message)
    {
        message.ToTable("ticket_messages");
        message.Property(m => m.Id).ValueGeneratedNever();
        message.Property(m => m.Kind).HasConversion<string>().HasMaxLength(8);
        message.Property(m => m.Author).HasMaxLength(TicketLimits.ShortText);
        message.Property(m => m.Body).HasMaxLength(TicketLimits.Message);
        message.HasIndex(m => new { m.TicketId, m.CreatedAt });
    }
}
