using System.Text.Json;
using CrmPlatform.ServiceDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.ServiceDesk.Policies;

/// <summary>The promised times for one priority, in business minutes of the policy's calendar.</summary>
public sealed record SlaTarget(int FirstResponseMinutes, int ResolutionMinutes);

/// <summary>
/// The times the desk promises, per priority, in the business time of a calendar. A policy applies
/// to strategic accounts, to a customer segment, or (neither) to everyone; a ticket takes the most
/// specific one that applies: strategic, then segment, then the default.
/// </summary>
public sealed class SlaPolicy
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public Guid CalendarId { get; set; }
    public bool ForStrategic { get; set; }
    public string? ForSegment { get; set; }
    public Dictionary<TicketPriority, SlaTarget> Targets { get; set; } = [];

    /// <summary>The share of a target after which <c>TicketSlaWarning</c> is published, 50–99.</summary>
    public int WarningPercent { get; set; } = 80;

    /// <summary>On a breach: raise the ticket's priority one step.</summary>
    public bool EscalateRaisesPriority { get; set; }

    /// <summary>On a breach: move the ticket to this queue.</summary>
    public string? EscalateToQueue { get; set; }

    public long Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>How specific the policy is: the most specific that applies wins.</summary>
    public int Rank => ForStrategic ? 2 : ForSegment is not null ? 1 : 0;
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<SlaPolicy> policy)
    {
        policy.ToTable("sla_policies");
        policy.Property(p => p.Id).ValueGeneratedNever();
        policy.Property(p => p.Name).HasMaxLength(100);
        policy.Property(p => p.ForSegment).HasMaxLength(50);
        policy.Property(p => p.EscalateToQueue).HasMaxLength(50);
        policy.Property(p => p.Version).IsConcurrencyToken();
        policy.Ignore(p => p.Rank);
        policy.Property(p => p.Targets).HasColumnType("jsonb").HasConversion(
            targets => JsonSerializer.Serialize(targets, _json),
            json => JsonSerializer.Deserialize<Dictionary<TicketPriority, SlaTarget>>(json, _json) ?? new(),
            new ValueComparer<Dictionary<TicketPriority, SlaTarget>>(
                (a, b) => JsonSerializer.Serialize(a, _json) == JsonSerializer.Serialize(b, _json),
                t => JsonSerializer.Serialize(t, _json).GetHashCode(StringComparison.Ordinal),
                t => new Dictionary<TicketPriority, SlaTarget>(t)));
        policy.HasIndex(p => p.Name).IsUnique();
        policy.HasOne<Calendars.BusinessCalendar>().WithMany().HasForeignKey(p => p.CalendarId).OnDelete(DeleteBehavior.Restrict);
    }
}
