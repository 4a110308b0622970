using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Messaging.Inbox;

namespace CrmPlatform.Interactions.Timeline;

/// <summary>
/// Tickets opened and resolved and SLA breaches from the service desk, as lines of the timeline. The
/// service desk's events and the customer service's are separate streams, so a ticket may arrive
/// before this service has heard of its customer: it is kept under the given id all the same, and
/// shows once the customer is known.
/// </summary>
public sealed class ServiceDeskTimelineHandlers(InteractionsDbContext db) :
    IEventHandler<TicketOpened>,
    IEventHandler<TicketResolved>,
    IEventHandler<TicketSlaBreached>
{
    public async Task HandleAsync(EventContext<TicketOpened> context, CancellationToken cancellationToken)
    {
        var opened = context.Message;
        await db.AddToTimelineOnceAsync(await db.LiveIdAsync(opened.CustomerId, cancellationToken), opened.OpenedAt, TimelineKind.TicketOpened, opened.TicketId.ToString(),
            $"Ticket opened ({opened.Type}, {opened.Priority}): {opened.Subject}", null,
            new { opened.TicketId, opened.Type, opened.Channel, opened.Priority, opened.Queue, opened.ContactId }, cancellationToken);
    }

    public async Task HandleAsync(EventContext<TicketResolved> context, CancellationToken cancellationToken)
    {
        var resolved = context.Message;

        // A reopened ticket can be resolved again: each resolution is its own line.
        await db.AddToTimelineOnceAsync(await db.LiveIdAsync(resolved.CustomerId, cancellationToken), resolved.ResolvedAt, TimelineKind.TicketResolved, context.MessageId.ToString(),
            $"Ticket resolved: {resolved.Subject}", resolved.Resolution,
            new { resolved.TicketId, resolved.ResolvedBy }, cancellationToken);
    }

    public async Task HandleAsync(EventContext<TicketSlaBreached> context, CancellationToken cancellationToken)
    {
        var breached = context.Message;
        var target = breached.Target == "first_response" ? "first response" : breached.Target;
        await db.AddToTimelineOnceAsync(await db.LiveIdAsync(breached.CustomerId, cancellationToken), breached.BreachedAt, TimelineKind.SlaBreached, $"{breached.TicketId}:{breached.Target}",
            $"SLA breached: {target} was due {breached.DueAt:yyyy-MM-dd HH:mm} UTC", null,
            new { breached.TicketId, breached.Target, breached.Priority, breached.DueAt }, cancellationToken);
    }
}
