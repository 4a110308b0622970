using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDesk.Calendars;

namespace CrmPlatform.ServiceDesk.Tickets;

/// <summary>
/// One SLA target as the API shows it. <c>state</c>: <c>running</c>, <c>warning</c> (past the warning
/// share), <c>breached</c>, <c>met</c>, <c>paused</c> (pending on the customer). <c>remainingSeconds</c>
/// is business time left (negative once breached); null when met or without a due time.
/// </summary>
public sealed record SlaTargetView(int TargetMinutes, DateTimeOffset? DueAt, string State, long? RemainingSeconds, DateTimeOffset? BreachedAt);

public sealed record SlaView(Guid PolicyId, Guid CalendarId, SlaTargetView? FirstResponse, SlaTargetView? Resolution, bool Paused);

public sealed record TicketResponse(
    Guid Id, string Number, Guid CustomerId, Guid? ContactId, string Type, string Channel, string Priority, string Status,
    string Subject, string Description, string? Queue, string? AssigneeId, IReadOnlyList<string> Tags,
    DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? FirstRespondedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    int ReopenCount, SlaView? Sla, object? Satisfaction)
{
    public static TicketResponse From(Ticket t, DateTimeOffset now, BusinessClock? clock) => new(
        t.Id, t.DisplayNumber, t.CustomerId, t.ContactId, t.Type.ToWireName(), t.Channel.ToWireName(), t.Priority.ToWireName(), t.Status.ToWireName(),
        t.Subject, t.Description, t.Queue, t.AssigneeId, t.Tags, t.OpenedAt.ToUniversalTime(), t.OpenedBy, t.FirstRespondedAt?.ToUniversalTime(),
        t.ResolvedAt?.ToUniversalTime(), t.ClosedAt?.ToUniversalTime(), t.ReopenCount, SlaOf(t, now, clock),
        t.CsatRating is { } rating ? new { rating, comment = t.CsatComment, ratedAt = t.CsatRatedAt?.ToUniversalTime() } : null);

    private static SlaView? SlaOf(Ticket t, DateTimeOffset now, BusinessClock? clock)
    {
        var sla = t.Sla;
        if (sla.PolicyId is not { } policyId || sla.CalendarId is not { } calendarId)
        {
            return null;
        }

        var paused = sla.PausedSince is not null && t.Status == TicketStatus.Pending;
        var firstResponse = sla.FirstResponseMinutes is { } fr
            ? Target(fr, sla.FirstResponseDueAt, sla.FirstResponseWarnAt, sla.FirstResponseBreachedAt, t.FirstRespondedAt, paused, now, clock)
            : null;
        var done = t.Status is TicketStatus.Resolved or TicketStatus.Closed ? t.ResolvedAt ?? t.ClosedAt : null;
        var resolution = sla.ResolutionMinutes is { } rs
            ? Target(rs, sla.ResolutionDueAt, sla.ResolutionWarnAt, sla.ResolutionBreachedAt, done, paused, now, clock)
            : null;
        return new SlaView(policyId, calendarId, firstResponse, resolution, paused);
    }

    private static SlaTargetView Target(int minutes, DateTimeOffset? dueAt, DateTimeOffset? warnAt, DateTimeOffset? breachedAt, DateTimeOffset? reachedAt, bool paused, DateTimeOffset now, BusinessClock? clock)
    {
        if (reachedAt is { } reached)
        {
            return new SlaTargetView(minutes, dueAt?.ToUniversalTime(), breachedAt is not null || reached > dueAt ? "breached" : "met", null, breachedAt?.ToUniversalTime());
        }

        long? remaining = dueAt is { } due && clock is not null
            ? (long)(due >= now ? clock.Between(now, due) : -clock.Between(due, now)).TotalSeconds
            : null;
        var state = breachedAt is not null || dueAt <= now ? "breached" : paused ? "paused" : warnAt <= now ? "warning" : "running";
        return new SlaTargetView(minutes, dueAt?.ToUniversalTime(), state, remaining, breachedAt?.ToUniversalTime());
    }
}

public sealed record TicketPage(IReadOnlyList<TicketResponse> Items, string? NextCursor);

public sealed record TicketMessageResponse(Guid Id, string Kind, string Author, string Body, DateTimeOffset CreatedAt)
{
    public static TicketMessageResponse From(TicketMessage m) => new(m.Id, m.Kind.ToWireName(), m.Author, m.Body, m.CreatedAt.ToUniversalTime());
}

/// <summary>The body of <c>POST /api/tickets</c>, for the API reference (the body is read field by field).</summary>
public sealed record TicketRequest(
    Guid CustomerId, Guid? ContactId, string Type, string Channel, string? Priority, string Subject, string Description,
    string? Queue, string? AssigneeId, IReadOnlyList<string>? Tags);
