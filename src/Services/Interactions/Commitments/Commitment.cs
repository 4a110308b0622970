using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Interactions.Commitments;

public enum CommitmentStatus { Open, Completed, Cancelled }

/// <summary>
/// A promise made to a customer: what, who keeps it, by when. Open until completed or cancelled;
/// <see cref="OverdueAt"/> records when it was found overdue and <c>CommitmentOverdue</c> was
/// published, which happens once per commitment.
/// </summary>
public sealed class Commitment
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; set; }
    public required string Description { get; set; }
    public required string OwnerId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public Guid? InteractionId { get; init; }
    public Guid? TicketId { get; init; }
    public CommitmentStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? OverdueAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }

    /// <summary>The completion note or the cancellation reason.</summary>
    public string? ClosingNote { get; set; }

    public long Version { get; set; } = 1;

    public bool IsOverdue(DateTimeOffset now) => Status == CommitmentStatus.Open && DueAt <= now;
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> commitment)
    {
        commitment.ToTable("commitments");
        commitment.Property(c => c.Id).ValueGeneratedNever();
        commitment.Property(c => c.Description).HasMaxLength(CommitmentLimits.Description);
        commitment.Property(c => c.OwnerId).HasMaxLength(CommitmentLimits.ShortText);
        commitment.Property(c => c.CreatedBy).HasMaxLength(CommitmentLimits.ShortText);
        commitment.Property(c => c.ClosedBy).HasMaxLength(CommitmentLimits.ShortText);
        commitment.Property(c => c.ClosingNote).HasMaxLength(CommitmentLimits.Note);
        commitment.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        commitment.Property(c => c.Version).IsConcurrencyToken();

        // Lists of open (and overdue) commitments per owner and per customer, soonest due first.
        commitment.HasIndex(c => new { c.OwnerId, c.Status, c.DueAt, c.Id });
        commitment.HasIndex(c => new { c.CustomerId, c.Status, c.DueAt, c.Id });

        // The overdue sweep reads only open commitments not yet reported.
        commitment.HasIndex(c => c.DueAt).HasDatabaseName("ix_commitments_due_unreported")
            .HasFilter("status = 'Open' AND overdue_at IS NULL");
    }
}

public static class CommitmentLimits
{
    public const int ShortText = 100;
    public const int Description = 1_000;
    public const int Note = 2_000;
}
