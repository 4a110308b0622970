using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Analytics.Relationships;

/// <summary>
/// Analytics' own view of a customer's relationship, kept from customer, interaction and service-desk events inside the
/// inbox transaction: is the account strategic, when was the customer last contacted (a note is not contact), and when was
/// a decision maker last reached. Every write is monotonic (<c>greatest</c>, versions), so a repeat changes nothing.
/// </summary>
public sealed class RelationshipFact
{
    public Guid CustomerId { get; init; }
    public bool IsStrategic { get; init; }

    /// <summary>The customer profile version the strategic flag was taken from, so an older profile event cannot undo a newer one.</summary>
    public long ProfileVersion { get; init; }

    public DateTimeOffset? LastContactAt { get; init; }
    public DateTimeOffset? LastDecisionMakerContactAt { get; init; }
}

/// <summary>
/// A contact of a customer: its role (<c>decision_maker</c>, …) from the contact events and when an interaction last named it,
/// from the interaction events. The two arrive on different queues in either order; whichever comes second brings the
/// decision maker's reach to <see cref="RelationshipFact.LastDecisionMakerContactAt"/>.
/// </summary>
public sealed class ContactFact
{
    public Guid ContactId { get; init; }
    public Guid CustomerId { get; init; }
    public string? Role { get; init; }
    public DateTimeOffset? LastReachedAt { get; init; }
}

/// <summary>A commitment that went overdue and is neither completed nor cancelled yet; keyed by commitment, so a repeat counts once.</summary>
public sealed class OverdueCommitment
{
    public Guid CommitmentId { get; init; }
    public Guid CustomerId { get; init; }
    public DateTimeOffset DueAt { get; init; }
}

/// <summary>A breached SLA target of a ticket (first response or resolution), with when it was breached.</summary>
public sealed class SlaBreach
{
    public Guid TicketId { get; init; }
    public required string Target { get; init; }
    public Guid CustomerId { get; init; }
    public DateTimeOffset BreachedAt { get; init; }
}

internal sealed class RelationshipFactConfiguration :
    IEntityTypeConfiguration<RelationshipFact>, IEntityTypeConfiguration<ContactFact>,
    IEntityTypeConfiguration<OverdueCommitment>, IEntityTypeConfiguration<SlaBreach>
{
    public void Configure(EntityTypeBuilder<RelationshipFact> fact)
    {
        fact.ToTable("relationships");
        fact.HasKey(r => r.CustomerId);
        fact.Property(r => r.CustomerId).ValueGeneratedNever();
        // The attention list looks for strategic accounts without recent contact.
        fact.HasIndex(r => new { r.IsStrategic, r.LastContactAt });
    }

    public void Configure(EntityTypeBuilder<ContactFact> role)
    {
        role.ToTable("contacts");
        role.HasKey(r => r.ContactId);
        role.Property(r => r.ContactId).ValueGeneratedNever();
        role.Property(r => r.Role).HasMaxLength(40);
        role.HasIndex(r => r.CustomerId);
    }

    public void Configure(EntityTypeBuilder<OverdueCommitment> commitment)
    {
        commitment.ToTable("overdue_commitments");
        commitment.HasKey(c => c.CommitmentId);
        commitment.Property(c => c.CommitmentId).ValueGeneratedNever();
        commitment.HasIndex(c => c.CustomerId);
    }

    public void Configure(EntityTypeBuilder<SlaBreach> breach)
    {
        breach.ToTable("sla_breaches");
        breach.HasKey(b => new { b.TicketId, b.Target });
        breach.Property(b => b.Target).HasMaxLength(40);
        // A customer's breaches within the window, as the attention list and the health score count them.
        breach.HasIndex(b => new { b.CustomerId, b.BreachedAt });
    }
}
