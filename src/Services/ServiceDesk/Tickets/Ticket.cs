using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.ServiceDesk.Tickets;

public enum TicketType { Complaint, Request, Suggestion, Question, Incident }

public enum TicketChannel { Phone, Email, WebForm, Chat, SocialNetwork, InPerson, ConsumerAgency }

public enum TicketPriority { Low, Normal, High, Urgent }

public enum TicketStatus { New, Open, Pending, Resolved, Closed }

/// <summary>
/// A complaint, request, suggestion, question or incident of a customer, with its workflow and its
/// SLA clock. The SLA is fixed when the ticket opens (policy, calendar, targets); its due times are
/// stored so the sweep that publishes warnings and breaches is one index scan, and moved when the
/// clock pauses (pending on the customer) and resumes.
/// </summary>
public sealed class Ticket
{
    public Guid Id { get; init; }

    /// <summary>The number people quote on the phone (SAC-1042), from a database sequence.</summary>
    public long Number { get; init; }

    public Guid CustomerId { get; set; }
    public Guid? ContactId { get; init; }
    public TicketType Type { get; init; }
    public TicketChannel Channel { get; init; }
    public TicketPriority Priority { get; set; }
    public required string Subject { get; set; }
    public required string Description { get; init; }
    public string? Queue { get; set; }
    public string? AssigneeId { get; set; }
    public List<string> Tags { get; set; } = [];
    public TicketStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    public DateTimeOffset? FirstRespondedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int ReopenCount { get; set; }

    public TicketSla Sla { get; set; } = new();

    public int? CsatRating { get; set; }
    public string? CsatComment { get; set; }
    public DateTimeOffset? CsatRatedAt { get; set; }

    public long Version { get; set; } = 1;

    public string DisplayNumber => $"SAC-{Number}";
}

/// <summary>
/// The ticket's SLA. Targets are business minutes; <see cref="PausedSeconds"/> is business time the
/// clock stood still (pending on the customer, or resolved before a reopen); due times are the start
/// plus target plus pause, in the calendar's business time, and are null while the clock is paused.
/// The *At marks record that a warning or breach was published: each happens once per target.
/// </summary>
public sealed class TicketSla
{
    public Guid? PolicyId { get; set; }
    public Guid? CalendarId { get; set; }
    public int? FirstResponseMinutes { get; set; }
    public int? ResolutionMinutes { get; set; }
    public int WarningPercent { get; set; } = 80;
    public long PausedSeconds { get; set; }
    public DateTimeOffset? PausedSince { get; set; }
    public DateTimeOffset? FirstResponseDueAt { get; set; }
    public DateTimeOffset? FirstResponseWarnAt { get; set; }
    public DateTimeOffset? ResolutionDueAt { get; set; }
    public DateTimeOffset? ResolutionWarnAt { get; set; }
    public DateTimeOffset? FirstResponseWarnedAt { get; set; }
    public DateTimeOffset? FirstResponseBreachedAt { get; set; }
    public DateTimeOffset? ResolutionWarnedAt { get; set; }
    public DateTimeOffset? ResolutionBreachedAt { get; set; }

    /// <summary>The next time the sweep must look at this ticket (a warning or due time not yet published); null while the clock is stopped.</summary>
    public DateTimeOffset? NextCheckAt { get; set; }
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> ticket)
    {
        ticket.ToTable("tickets");
        ticket.Property(t => t.Id).ValueGeneratedNever();
        ticket.Property(t => t.Number).UseIdentityAlwaysColumn().HasIdentityOptions(startValue: 1000);
        ticket.HasIndex(t => t.Number).IsUnique();
        ticket.Property(t => t.Type).HasConversion<string>().HasMaxLength(16);
        ticket.Property(t => t.Channel).HasConversion<string>().HasMaxLength(16);
        ticket.Property(t => t.Priority).HasConversion<string>().HasMaxLength(16);
        ticket.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        ticket.Property(t => t.Subject).HasMaxLength(TicketLimits.Subject);
        ticket.Property(t => t.Description).HasMaxLength(TicketLimits.Description);
        ticket.Property(t => t.Queue).HasMaxLength(TicketLimits.Label);
        ticket.Property(t => t.AssigneeId).HasMaxLength(TicketLimits.ShortText);
        ticket.Property(t => t.OpenedBy).HasMaxLength(TicketLimits.ShortText);
        ticket.Property(t => t.CsatComment).HasMaxLength(TicketLimits.Comment);
        ticket.Property(t => t.Version).IsConcurrencyToken();
        ticket.Ignore(t => t.DisplayNumber);
        ticket.OwnsOne(t => t.Sla, sla =>
        {
            sla.ToTable("tickets");

            // The sweep reads only tickets whose next SLA moment has come: one range scan of this index.
            sla.HasIndex(s => s.NextCheckAt).HasDatabaseName("ix_tickets_sla_next_check_at").HasFilter("sla_next_check_at IS NOT NULL");
        });

        // Lists newest first, overall and per customer, assignee, queue.
        ticket.HasIndex(t => new { t.OpenedAt, t.Id }).IsDescending(true, true);
        ticket.HasIndex(t => new { t.CustomerId, t.OpenedAt });
        ticket.HasIndex(t => new { t.AssigneeId, t.Status });
        ticket.HasIndex(t => new { t.Queue, t.Status });
    }
}

public static class TicketLimits
{
    public const int ShortText = 100;
    public const int Label = 50;
    public const int Subject = 200;
    public const int Description = 20_000;
    public const int Comment = 2_000;
    public const int Message = 20_000;
}
