using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Customers;

/// <summary>
/// The answers for a customer URL (<c>/api/customers/{id}/…</c>) served here that the customer
/// service would give too: 404 for an id nobody knows, 308 to the survivor for a merged id.
/// </summary>
public static class CustomerRoutes
{
    public static async Task<IResult?> AnswerUnknownOrMergedAsync(HttpContext http, InteractionsDbContext db, Guid id, string resource, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.MergedInto }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return Problems.NotFound("customer", id);
        }

        if (customer.MergedInto is null)
        {
            return null;
        }

        var survivor = await db.LiveIdAsync(id, cancellationToken);
        http.Response.Headers["X-Merged-Into"] = survivor.ToString();
        return Results.Redirect($"/api/customers/{survivor}/{resource}{http.Request.QueryString}", permanent: true, preserveMethod: true);
    }
}
