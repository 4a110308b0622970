using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDesk.Infrastructure;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.ServiceDesk.Tickets;

/// <summary>The events a ticket's changes publish, added to the outbox of the unit of work that makes them.</summary>
public static class TicketEvents
{
    public const string FirstResponse = "first_response";
    public const string Resolution = "resolution";

    public static void AddOpened(this ServiceDeskDbContext db, Ticket t) =>
        db.AddEvent(new TicketOpened
        {
            TicketId = t.Id, CustomerId = t.CustomerId, ContactId = t.ContactId, Type = t.Type.ToWireName(), Channel = t.Channel.ToWireName(),
            Priority = t.Priority.ToWireName(), Subject = t.Subject, Queue = t.Queue, OpenedAt = t.OpenedAt,
        }, t.CustomerId, t.OpenedAt);

    public static void AddAssigned(this ServiceDeskDbContext db, Ticket t, string? previousQueue, string? previousAssignee, string? by, DateTimeOffset at) =>
        db.AddEvent(new TicketAssigned
        {
            TicketId = t.Id, CustomerId = t.CustomerId, Queue = t.Queue, AssigneeId = t.AssigneeId,
            PreviousQueue = previousQueue, PreviousAssigneeId = previousAssignee, AssignedBy = by, AssignedAt = at,
        }, t.CustomerId, at);

    public static void AddStatusChanged(this ServiceDeskDbContext db, Ticket t, TicketStatus from, string? by, DateTimeOffset at) =>
        db.AddEvent(new TicketStatusChanged
        {
            TicketId = t.Id, CustomerId = t.CustomerId, From = from.ToWireName(), To = t.Status.ToWireName(), ChangedBy = by, ChangedAt = at,
        }, t.CustomerId, at);

    public static void AddResolved(this ServiceDeskDbContext db, Ticket t, string? resolution, string? by, DateTimeOffset at) =>
        db.AddEvent(new TicketResolved { TicketId = t.Id, CustomerId = t.CustomerId, Subject = t.Subject, Resolution = resolution, ResolvedBy = by, ResolvedAt = at }, t.CustomerId, at);

    public static void AddReopened(this ServiceDeskDbContext db, Ticket t, string? reason, string? by, DateTimeOffset at) =>
        db.AddEvent(new TicketReopened { TicketId = t.Id, CustomerId = t.CustomerId, Reason = reason, ReopenedBy = by, ReopenedAt = at }, t.CustomerId, at);

    public static void AddSlaWarning(this ServiceDeskDbContext db, Ticket t, string target, DateTimeOffset dueAt, DateTimeOffset at) =>
        db.AddEvent(new TicketSlaWarning { TicketId = t.Id, CustomerId = t.CustomerId, Target = target, Priority = t.Priority.ToWireName(), DueAt = dueAt, WarnedAt = at }, t.CustomerId, at);

    public static void AddSlaBreached(this ServiceDeskDbContext db, Ticket t, string target, DateTimeOffset dueAt, DateTimeOffset at) =>
        db.AddEvent(new TicketSlaBreached { TicketId = t.Id, CustomerId = t.CustomerId, Target = target, Priority = t.Priority.ToWireName(), DueAt = dueAt, BreachedAt = at }, t.CustomerId, at);
}
