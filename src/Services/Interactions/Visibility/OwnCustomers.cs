using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Visibility;

/// <summary>
/// Object-level authorization: a sales rep reaches only the customers they own (as this service
/// knows them from CustomerRegistered and CustomerOwnerChanged) and those customers' interactions,
/// timeline, relationship and commitments. Anything else answers as if it did not exist.
/// </summary>
public static class OwnCustomers
{
    /// <summary>The owner every reached customer must have, or null when the caller is not limited.</summary>
    public static string? LimitedTo(HttpContext http) =>
        CallerIdentity.IsLimitedToOwnCustomers(http.User) ? CallerIdentity.IdOf(http.User) : null;

    public static bool Reaches(HttpContext http, CustomerReference customer) =>
        LimitedTo(http) is not { } owner || customer.OwnerId == owner;

    /// <summary>
    /// Guards an endpoint whose route <c>{id}</c> leads to a customer through <paramref name="customerOf"/>
    /// (the customer itself, or the interaction or commitment of one): 404 for a rep's colleague's record.
    /// </summary>
    public static TBuilder OwnCustomersOnly<TBuilder>(this TBuilder endpoint, string what, Func<InteractionsDbContext, Guid, IQueryable<Guid>> customerOf)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (LimitedTo(http) is not { } owner || http.Request.RouteValues["id"] is not string text || !Guid.TryParse(text, out var id))
            {
                return await next(context);
            }

            var db = http.RequestServices.GetRequiredService<InteractionsDbContext>();
            var customerIds = customerOf(db, id);
            if (await db.Customers.AnyAsync(c => customerIds.Contains(c.Id) && c.OwnerId == owner, http.RequestAborted))
            {
                return await next(context);
            }

            if (await customerIds.AnyAsync(http.RequestAborted))
            {
                AccessAudit.Denied(http, StatusCodes.Status404NotFound, "customer owned by someone else");
            }

            return Problems.NotFound(what, id);
        });
}
