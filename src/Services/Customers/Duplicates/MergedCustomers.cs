using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.Duplicates;

/// <summary>
/// A merged customer id keeps answering: requests for it are redirected (308, method kept) to the
/// same path on the survivor, so links and integrations holding the old id still work.
/// </summary>
public static class MergedCustomers
{
    public static Task<Guid?> SurvivorOfAsync(CustomersDbContext db, Guid mergedId, CancellationToken cancellationToken) =>
        db.Aliases.AsNoTracking().Where(a => a.MergedId == mergedId).Select(a => (Guid?)a.SurvivorId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A 308 to the request's path with the merged id replaced by the survivor's, or null when <paramref name="id"/> was never merged.</summary>
    public static async Task<IResult?> RedirectAsync(HttpContext http, CustomersDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (await SurvivorOfAsync(db, id, cancellationToken) is not { } survivor)
        {
            return null;
        }

        var path = http.Request.Path.Value!.Replace(id.ToString(), survivor.ToString(), StringComparison.OrdinalIgnoreCase);
        http.Response.Headers["X-Merged-Into"] = survivor.ToString();
        return Results.Redirect(path + http.Request.QueryString, permanent: true, preserveMethod: true);
    }

    /// <summary>The answer for a customer id that is not there: 308 to its survivor when it was merged, else 404.</summary>
    public static async Task<IResult> AnswerMissingAsync(HttpContext http, CustomersDbContext db, Guid id, CancellationToken cancellationToken) =>
        await RedirectAsync(http, db, id, cancellationToken) ?? Problems.NotFound("customer", id);
}
