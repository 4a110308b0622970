using CrmPlatform.Interactions.Visibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Interactions.InteractionLog;

public enum InteractionType { Call, Visit, Meeting, Email, Message, Letter, Note }

public enum InteractionDirection { Inbound, Outbound }

/// <summary>How the interaction travelled; which channels fit which type is in <see cref="InteractionChannels"/>.</summary>
public enum InteractionChannel { Phone, Video, InPerson, Email, Whatsapp, Sms, Chat, SocialNetwork, Post, Internal }

public enum InteractionOutcome { Positive, Neutral, Negative }

/// <summary>
/// One call, visit, meeting, e-mail, message, letter or note with a customer, as the employee logged
/// it. It is a record of what happened, so it is not edited afterwards; its personal text is blanked
/// when the customer's data is erased.
/// </summary>
public sealed class Interaction
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; set; }
    public InteractionType Type { get; init; }
    public InteractionDirection? Direction { get; init; }
    public InteractionChannel Channel { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public required string EmployeeId { get; init; }
    public List<Guid> ContactIds { get; init; } = [];
    public required string Subject { get; set; }
    public string? Summary { get; set; }
    public InteractionOutcome? Outcome { get; init; }
    public List<string> Tags { get; init; } = [];
    public Departments VisibleTo { get; init; } = Departments.All;
    public DateTimeOffset LoggedAt { get; init; }
    public required string LoggedBy { get; init; }

    public int? DurationSeconds => EndedAt is { } end ? (int)(end - OccurredAt).TotalSeconds : null;
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> interaction)
    {
        interaction.ToTable("interactions");
        interaction.Property(i => i.Id).ValueGeneratedNever();
        interaction.Property(i => i.Type).HasConversion<string>().HasMaxLength(16);
        interaction.Property(i => i.Direction).HasConversion<string>().HasMaxLength(16);
        interaction.Property(i => i.Channel).HasConversion<string>().HasMaxLength(16);
        interaction.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
        interaction.Property(i => i.EmployeeId).HasMaxLength(InteractionLimits.ShortText);
        interaction.Property(i => i.Subject).HasMaxLength(InteractionLimits.Subject);
        interaction.Property(i => i.Summary).HasMaxLength(InteractionLimits.Summary);
        interaction.Property(i => i.LoggedBy).HasMaxLength(InteractionLimits.ShortText);
        interaction.Property(i => i.VisibleTo).HasConversion<int>();
        interaction.Ignore(i => i.DurationSeconds);

        // The lists page newest first by (occurred_at, id): per customer, per employee, or all.
        interaction.HasIndex(i => new { i.CustomerId, i.OccurredAt, i.Id }).IsDescending(false, true, true);
        interaction.HasIndex(i => new { i.EmployeeId, i.OccurredAt, i.Id }).IsDescending(false, true, true);
        interaction.HasIndex(i => new { i.OccurredAt, i.Id }).IsDescending(true, true);
    }
}
