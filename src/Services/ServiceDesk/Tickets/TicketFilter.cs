using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.ServiceDesk.Tickets;

public enum BreachState { None, Warning, Breached }

/// <summary>The filters of <c>GET /api/tickets</c> and the page they select, newest first.</summary>
public sealed record TicketFilter(
    List<TicketStatus> Statuses, List<TicketType> Types, List<TicketPriority> Priorities, string? Queue, string? AssigneeId,
    Guid? CustomerId, BreachState? Breach, int Limit, (DateTimeOffset At, Guid Id)? After)
{
    private const string Sort = "-openedAt";

    public static (TicketFilter? Filter, FieldErrors Errors) Read(IQueryCollection query)
    {
        var reader = new QueryReader(query, ["queue", "assigneeId", "customerId", "breach"], ["status", "type", "priority"]);
        var filter = new TicketFilter(
            reader.Enums<TicketStatus>("status"), reader.Enums<TicketType>("type"), reader.Enums<TicketPriority>("priority"),
            reader.String("queue", TicketLimits.Label)?.ToLowerInvariant(), reader.String("assigneeId", TicketLimits.ShortText),
            reader.Guid("customerId"), reader.Enum<BreachState>("breach"), reader.Limit(), null);
        filter = filter with { After = reader.TimeCursor(Sort, filter.Fingerprint()) };
        return reader.Errors.Any ? (null, reader.Errors) : (filter, reader.Errors);
    }

    public async Task<TicketPage> RunAsync(ServiceDeskDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = db.Tickets.AsNoTracking();
        if (Statuses.Count > 0)
        {
            query = query.Where(t => Statuses.Contains(t.Status));
        }

        if (Types.Count > 0)
        {
            query = query.Where(t => Types.Contains(t.Type));
        }

        if (Priorities.Count > 0)
        {
            query = query.Where(t => Priorities.Contains(t.Priority));
        }

        if (Queue is not null)
        {
            query = query.Where(t => t.Queue == Queue);
        }

        if (AssigneeId is not null)
        {
            query = query.Where(t => t.AssigneeId == AssigneeId);
        }

        if (CustomerId is { } customerId)
        {
            var survivor = await db.Customers.Where(c => c.Id == customerId).Select(c => c.MergedInto).FirstOrDefaultAsync(cancellationToken) ?? customerId;
            query = query.Where(t => t.CustomerId == survivor);
        }

        query = Breach switch
        {
            BreachState.Breached => query.Where(t => t.Sla.FirstResponseBreachedAt != null || t.Sla.ResolutionBreachedAt != null),
            BreachState.Warning => query.Where(t => t.Sla.FirstResponseBreachedAt == null && t.Sla.ResolutionBreachedAt == null
                && (t.Sla.FirstResponseWarnedAt != null || t.Sla.ResolutionWarnedAt != null)),
            BreachState.None => query.Where(t => t.Sla.FirstResponseBreachedAt == null && t.Sla.ResolutionBreachedAt == null
                && t.Sla.FirstResponseWarnedAt == null && t.Sla.ResolutionWarnedAt == null),
            _ => query,
        };

        if (After is { } after)
        {
            query = query.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.OpenedAt, t.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderByDescending(t => t.OpenedAt).ThenByDescending(t => t.Id).Take(Limit + 1).ToListAsync(cancellationToken);
        var calendarIds = rows.Select(t => t.Sla.CalendarId).OfType<Guid>().Distinct().ToList();
        var clocks = (await db.Calendars.AsNoTracking().Where(c => calendarIds.Contains(c.Id)).ToListAsync(cancellationToken)).ToDictionary(c => c.Id, c => c.Clock());
        var next = rows.Count > Limit ? PageCursor.Encode(Sort, Fingerprint(), rows[Limit - 1].OpenedAt, rows[Limit - 1].Id) : null;
        return new TicketPage(
            [.. rows.Take(Limit).Select(t => TicketResponse.From(t, now, t.Sla.CalendarId is { } id ? clocks.GetValueOrDefault(id) : null))],
            next);
    }

    private string Fingerprint() => string.Join('|',
        string.Join(',', Statuses.Order()), string.Join(',', Types.Order()), string.Join(',', Priorities.Order()),
        Queue ?? "", AssigneeId ?? "", CustomerId?.ToString() ?? "", Breach?.ToString() ?? "");
}
