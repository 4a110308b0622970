using CrmPlatform.ServiceDesk.Calendars;
using CrmPlatform.ServiceDesk.Infrastructure;
using CrmPlatform.ServiceDesk.Policies;

namespace CrmPlatform.ServiceDesk.Tickets;

/// <summary>
/// Publishes the warnings and breaches whose time has come for one ticket, each once: the mark on the
/// ticket and the event are saved together. Called by the sweep, and by a first reply or a resolution
/// that comes late, so a breach is never missed because the sweep had not run yet. A breach escalates
/// by the policy: one priority up (with that priority's targets) and/or to another queue.
/// </summary>
public static class SlaMoments
{
    /// <returns>Whether anything was published.</returns>
    public static bool Fire(ServiceDeskDbContext db, Ticket ticket, DateTimeOffset now, SlaPolicy? policy, BusinessClock? clock)
    {
        var sla = ticket.Sla;
        var fired = false;
        var breached = false;
        if (ticket.FirstRespondedAt is null || ticket.FirstRespondedAt >= sla.FirstResponseDueAt)
        {
            fired |= WarnOrBreach(db, ticket, TicketEvents.FirstResponse, sla.FirstResponseWarnAt, sla.FirstResponseDueAt,
                ticket.FirstRespondedAt is null, ticket.FirstRespondedAt ?? now, () => sla.FirstResponseWarnedAt, w => sla.FirstResponseWarnedAt = w,
                () => sla.FirstResponseBreachedAt, b => sla.FirstResponseBreachedAt = b, now, ref breached);
        }

        var resolved = ticket.Status is TicketStatus.Resolved or TicketStatus.Closed;
        fired |= WarnOrBreach(db, ticket, TicketEvents.Resolution, sla.ResolutionWarnAt, sla.ResolutionDueAt,
            !resolved, resolved ? ticket.ResolvedAt ?? now : now,
            () => sla.ResolutionWarnedAt, w => sla.ResolutionWarnedAt = w,
            () => sla.ResolutionBreachedAt, b => sla.ResolutionBreachedAt = b, now, ref breached);

        if (breached && policy is not null)
        {
            Escalate(db, ticket, policy, clock, now);
        }

        sla.NextCheckAt = SlaEngine.NextCheck(ticket);
        return fired;
    }

    private static bool WarnOrBreach(
        ServiceDeskDbContext db, Ticket ticket, string target, DateTimeOffset? warnAt, DateTimeOffset? dueAt, bool running, DateTimeOffset reachedAt,
        Func<DateTimeOffset?> warned, Action<DateTimeOffset> markWarned, Func<DateTimeOffset?> breachedAt, Action<DateTimeOffset> markBreached,
        DateTimeOffset now, ref bool breached)
    {
        if (dueAt is not { } due || breachedAt() is not null)
        {
            return false;
        }

        // A warning is for a clock still running; once the target is reached (late or not) it is moot.
        var fired = false;
        if (running && warnAt is { } warn && warned() is null && warn <= now)
        {
            markWarned(now);
            db.AddSlaWarning(ticket, target, due, now);
            fired = true;
        }

        if (due <= reachedAt)
        {
            markBreached(now);
            db.AddSlaBreached(ticket, target, due, now);
            breached = true;
            fired = true;
        }

        return fired;
    }

    private static void Escalate(ServiceDeskDbContext db, Ticket ticket, SlaPolicy policy, BusinessClock? clock, DateTimeOffset now)
    {
        if (ticket.Status is TicketStatus.Resolved or TicketStatus.Closed)
        {
            return;
        }

        if (policy.EscalateRaisesPriority && ticket.Priority < TicketPriority.Urgent)
        {
            ticket.Priority++;
            SlaEngine.Retarget(ticket, policy, clock);
        }

        if (policy.EscalateToQueue is { } queue && ticket.Queue != queue)
        {
            var previous = ticket.Queue;
            ticket.Queue = queue;
            db.AddAssigned(ticket, previous, ticket.AssigneeId, "sla-escalation", now);
        }

        ticket.Version++;
    }
}
