using System.Text.Json;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Visibility;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Timeline;

public sealed record TimelineItem(Guid Id, string Kind, DateTimeOffset OccurredAt, string Title, string? Detail, JsonElement Data, IReadOnlyList<string> Departments);

public sealed record TimelinePage(Guid CustomerId, IReadOnlyList<TimelineItem> Items, string? NextCursor);

public static class TimelineApi
{
    private const string Sort = "-occurredAt";

    /// <summary>Routed here by the gateway from the customer's URL space: <c>/api/customers/{id}/timeline</c>.</summary>
    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/customers/{id:guid}/timeline", GetTimeline).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics, CrmRoles.Marketing).OwnCustomersOnly("customer", (db, id) => db.Customers.Where(c => c.Id == id).Select(c => c.Id))
            .WithTags("Timeline")
            .WithName(nameof(GetTimeline))
            .WithSummary("The customer's story, newest first")
            .WithDescription("""
                Interactions, commitments, tickets opened and resolved, SLA breaches, purchases, stage changes, qualifications
                and merges, as the caller's departments may see them. Filters: kind (repeatable: registered, interaction,
                commitment_created, commitment_completed, commitment_cancelled, commitment_overdue, ticket_opened, ticket_resolved,
                sla_breached, purchase, stage_changed, qualified, merged), from, to, limit (1-200, default 50), cursor.
                A merged customer's id answers 308 to the survivor's timeline.
                """)
            .Produces<TimelinePage>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<IResult> GetTimeline(Guid id, HttpContext http, InteractionsDbContext db, CancellationToken cancellationToken)
    {
        var visible = Caller.Departments(http);

        if (await CustomerRoutes.AnswerUnknownOrMergedAsync(http, db, id, "timeline", cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        var reader = new QueryReader(http.Request.Query, ["from", "to"], ["kind"]);
        var kinds = reader.Enums<TimelineKind>("kind");
        var from = reader.Time("from");
        var to = reader.Time("to");
        var limit = reader.Limit();
        var fingerprint = string.Join('|', string.Join(',', kinds.Order()), from?.UtcTicks, to?.UtcTicks);
        var cursor = reader.TimeCursor(Sort, fingerprint);
        if (reader.Errors.Any)
        {
            return Problems.Validation(reader.Errors.ToDictionary());
        }

        var query = db.Timeline.AsNoTracking().Where(e => e.CustomerId == id && (e.VisibleTo & visible) != 0);
        if (kinds.Count > 0)
        {
            query = query.Where(e => kinds.Contains(e.Kind));
        }

        if (from is { } start)
        {
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(e => e.OccurredAt < end);
        }

        if (cursor is { } after)
        {
            query = query.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.OccurredAt, e.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = rows.Count > limit ? PageCursor.Encode(Sort, fingerprint, rows[limit - 1].OccurredAt, rows[limit - 1].Id) : null;
        return TypedResults.Ok(new TimelinePage(id, [.. rows.Take(limit).Select(Item)], next));
    }

    private static TimelineItem Item(TimelineEntry e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return new TimelineItem(e.Id, e.Kind.ToWireName(), e.OccurredAt.ToUniversalTime(), e.Title, e.Detail, data.RootElement.Clone(), DepartmentNames.Names(e.VisibleTo));
    }
}
