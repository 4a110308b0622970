using CrmPlatform.ServiceDesk.Calendars;
using CrmPlatform.ServiceDesk.Policies;

namespace CrmPlatform.ServiceDesk.Tickets;

/// <summary>
/// The arithmetic of a ticket's SLA clock: start it from a policy, pause it while the ticket waits on
/// the customer, resume it, retarget it when the priority changes. Every change recomputes the due
/// and warning times (start + target + paused time, in business time) and the next moment the sweep
/// must look at the ticket.
/// </summary>
public static class SlaEngine
{
    public static void Start(Ticket ticket, SlaPolicy? policy, BusinessClock? clock)
    {
        var sla = ticket.Sla;
        if (policy is null || clock is null || !policy.Targets.TryGetValue(ticket.Priority, out var target))
        {
            ticket.Sla = new TicketSla();
            return;
        }

        sla.PolicyId = policy.Id;
        sla.CalendarId = policy.CalendarId;
        sla.WarningPercent = policy.WarningPercent;
        sla.FirstResponseMinutes = target.FirstResponseMinutes;
        sla.ResolutionMinutes = target.ResolutionMinutes;
        Recompute(ticket, clock);
    }

    /// <summary>The ticket now waits on the customer (or is resolved): the clock stands still from <paramref name="now"/>.</summary>
    public static void Pause(Ticket ticket, DateTimeOffset now)
    {
        ticket.Sla.PausedSince ??= now;
        ticket.Sla.NextCheckAt = null;
    }

    /// <summary>The clock runs again: the business time it stood still moves every due time.</summary>
    public static void Resume(Ticket ticket, DateTimeOffset now, BusinessClock? clock)
    {
        var sla = ticket.Sla;
        if (sla.PausedSince is { } since && clock is not null)
        {
            sla.PausedSeconds += (long)clock.Between(since, now).TotalSeconds;
        }

        sla.PausedSince = null;
        if (clock is not null)
        {
            Recompute(ticket, clock);
        }
    }

    /// <summary>A new priority takes its own targets from the policy; time already paused still counts.</summary>
    public static void Retarget(Ticket ticket, SlaPolicy? policy, BusinessClock? clock)
    {
        if (policy is null || clock is null || !policy.Targets.TryGetValue(ticket.Priority, out var target))
        {
            return;
        }

        ticket.Sla.FirstResponseMinutes = target.FirstResponseMinutes;
        ticket.Sla.ResolutionMinutes = target.ResolutionMinutes;
        Recompute(ticket, clock);
    }

    public static void Recompute(Ticket ticket, BusinessClock clock)
    {
        var sla = ticket.Sla;
        var paused = TimeSpan.FromSeconds(sla.PausedSeconds);
        if (sla.FirstResponseMinutes is { } firstResponse)
        {
            sla.FirstResponseDueAt = clock.Add(ticket.OpenedAt, TimeSpan.FromMinutes(firstResponse) + paused);
            sla.FirstResponseWarnAt = clock.Add(ticket.OpenedAt, TimeSpan.FromMinutes(firstResponse * sla.WarningPercent / 100.0) + paused);
        }

        if (sla.ResolutionMinutes is { } resolution)
        {
            sla.ResolutionDueAt = clock.Add(ticket.OpenedAt, TimeSpan.FromMinutes(resolution) + paused);
            sla.ResolutionWarnAt = clock.Add(ticket.OpenedAt, TimeSpan.FromMinutes(resolution * sla.WarningPercent / 100.0) + paused);
        }

        sla.NextCheckAt = NextCheck(ticket);
    }

    /// <summary>The earliest warning or due time not yet published, while the clock runs.</summary>
    public static DateTimeOffset? NextCheck(Ticket ticket)
    {
        var sla = ticket.Sla;
        if (ticket.Status is not (TicketStatus.New or TicketStatus.Open) || sla.PausedSince is not null)
        {
            return null;
        }

        DateTimeOffset? next = null;
        void Consider(DateTimeOffset? at, bool done)
        {
            if (!done && at is { } time && (next is null || time < next))
            {
                next = time;
            }
        }

        var responded = ticket.FirstRespondedAt is not null;
        Consider(sla.FirstResponseWarnAt, responded || sla.FirstResponseWarnedAt is not null || sla.FirstResponseBreachedAt is not null);
        Consider(sla.FirstResponseDueAt, responded || sla.FirstResponseBreachedAt is not null);
        Consider(sla.ResolutionWarnAt, sla.ResolutionWarnedAt is not null || sla.ResolutionBreachedAt is not null);
        Consider(sla.ResolutionDueAt, sla.ResolutionBreachedAt is not null);
        return next;
    }
}
