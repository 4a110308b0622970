using CrmPlatform.Interactions.Visibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Interactions.Timeline;

public enum TimelineKind
{
    Registered,
    Interaction,
    CommitmentCreated,
    CommitmentCompleted,
    CommitmentCancelled,
    CommitmentOverdue,
    TicketOpened,
    TicketResolved,
    SlaBreached,
    Purchase,
    StageChanged,
    Qualified,
    Merged,
}

/// <summary>
/// One line of a customer's story, written when the fact is learned (an interaction logged here, an
/// event from another service) so a page of the timeline is one index range scan, however many
/// sources it has. <see cref="SourceId"/> is the fact's own id (interaction, commitment, ticket,
/// purchase…); with the kind it is unique, so a fact reported twice is one line.
/// </summary>
public sealed class TimelineEntry
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset OccurredAt { get; init; }
    public TimelineKind Kind { get; init; }
    public required string SourceId { get; init; }
    public required string Title { get; set; }
    public string? Detail { get; set; }

    /// <summary>The facts of the entry as a small JSON object (amounts, priorities, stages…), for the frontend.</summary>
    public required string Data { get; set; }

    public Departments VisibleTo { get; init; } = Departments.All;
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> entry)
    {
        entry.ToTable("timeline_entries");
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        entry.Property(e => e.SourceId).HasMaxLength(100);
        entry.Property(e => e.Title).HasMaxLength(300);
        entry.Property(e => e.Detail).HasMaxLength(10_000);
        entry.Property(e => e.Data).HasColumnType("jsonb");
        entry.Property(e => e.VisibleTo).HasConversion<int>();
        entry.HasIndex(e => new { e.CustomerId, e.OccurredAt, e.Id }).IsDescending(false, true, true);
        entry.HasIndex(e => new { e.Kind, e.SourceId }).IsUnique();
    }
}
