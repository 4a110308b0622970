using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Visibility;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.Interactions.Relationship;

public static class RelationshipApi
{
    /// <summary>Routed here by the gateway from the customer's URL space: <c>/api/customers/{id}/relationship</c>.</summary>
    public static IEndpointRouteBuilder MapRelationshipApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/customers/{id:guid}/relationship", GetRelationship).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent).OwnCustomersOnly("customer", (db, id) => db.Customers.Where(c => c.Id == id).Select(c => c.Id))
            .WithTags("Relationship")
            .WithName(nameof(GetRelationship))
            .WithSummary("Relationship signals of a customer")
            .WithDescription("""
                Last contact (date, type, channel; notes do not count as contact), contacts reached in the last 90 days with their
                roles and whether a decision maker was among them, interactions per month over the last 12 months, outcomes of the
                last 90 days with the share of negative ones, and open, overdue and recently completed commitments. Counts cover
                every interaction, whichever departments may read it: they show no content. A merged id answers 308 to the survivor.
                """)
            .Produces<RelationshipSignals>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<IResult> GetRelationship(Guid id, HttpContext http, InteractionsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await CustomerRoutes.AnswerUnknownOrMergedAsync(http, db, id, "relationship", cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        return TypedResults.Ok(await RelationshipQueries.SignalsAsync(db, id, clock.GetUtcNow(), cancellationToken));
    }
}
