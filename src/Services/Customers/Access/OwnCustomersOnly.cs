using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.Access;

/// <summary>
/// Object-level authorization for every <c>/api/customers/{id}/…</c> endpoint: a sales rep reaches
/// only the customers they own. Anyone else's customer answers 404, exactly as an unknown id does,
/// so ids cannot be probed (OWASP API1). Other roles pass through untouched.
/// </summary>
public sealed class OwnCustomersOnly : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!CallerIdentity.IsLimitedToOwnCustomers(http.User)
            || http.Request.RouteValues["id"] is not string text || !Guid.TryParse(text, out var id))
        {
            return await next(context);
        }

        var db = http.RequestServices.GetRequiredService<CustomersDbContext>();
        var owner = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.OwnerId }).FirstOrDefaultAsync(http.RequestAborted);
        if (owner is not null && owner.OwnerId == CallerIdentity.IdOf(http.User))
        {
            return await next(context);
        }

        if (owner is not null)
        {
            AccessAudit.Denied(http, StatusCodes.Status404NotFound, "customer owned by someone else");
        }

        return Problems.NotFound("customer", id);
    }
}
