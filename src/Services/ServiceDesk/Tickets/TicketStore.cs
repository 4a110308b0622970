using CrmPlatform.ServiceDesk.Calendars;
using CrmPlatform.ServiceDesk.Customers;
using CrmPlatform.ServiceDesk.Infrastructure;
using CrmPlatform.ServiceDesk.Policies;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.ServiceDesk.Tickets;

/// <summary>Loading what a ticket's change needs: the ticket (locked), its policy and its calendar's clock.</summary>
public static class TicketStore
{
    /// <summary>
    /// The ticket, locked until the caller's transaction ends: a change and the SLA sweep never both
    /// act on a stale view of the same ticket (the sweep skips locked tickets and comes back).
    /// </summary>
    public static Task<Ticket?> LoadForUpdateAsync(this ServiceDeskDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Tickets.FromSql($"SELECT * FROM service_desk.tickets WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);

    public static async Task<(SlaPolicy? Policy, BusinessClock? Clock)> SlaOfAsync(this ServiceDeskDbContext db, Ticket ticket, CancellationToken cancellationToken)
    {
        var policy = ticket.Sla.PolicyId is { } policyId ? await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == policyId, cancellationToken) : null;
        return (policy, await db.ClockAsync(ticket.Sla.CalendarId, cancellationToken));
    }

    public static async Task<BusinessClock?> ClockAsync(this ServiceDeskDbContext db, Guid? calendarId, CancellationToken cancellationToken) =>
        calendarId is { } id && await db.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } calendar
            ? calendar.Clock()
            : null;

    /// <summary>The policy for a new ticket of <paramref name="customer"/>: strategic, else the first of its segments that has one, else the default.</summary>
    public static async Task<SlaPolicy?> PolicyForAsync(this ServiceDeskDbContext db, CustomerReference customer, CancellationToken cancellationToken)
    {
        var segments = customer.Segments;
        var candidates = await db.SlaPolicies.AsNoTracking()
            .Where(p => (p.ForStrategic && customer.IsStrategic) || (p.ForSegment != null && segments.Contains(p.ForSegment)) || (!p.ForStrategic && p.ForSegment == null))
            .ToListAsync(cancellationToken);
        return candidates
            .OrderByDescending(p => p.Rank)
            .ThenBy(p => p.ForSegment is { } segment ? segments.IndexOf(segment) : 0)
            .FirstOrDefault();
    }
}
