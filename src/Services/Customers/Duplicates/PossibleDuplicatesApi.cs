using System.Globalization;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.Customers.Duplicates;

public static class PossibleDuplicatesApi
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    /// <summary>Maps <c>GET /{id}/possible-duplicates</c> of the customers group.</summary>
    public static RouteGroupBuilder MapPossibleDuplicates(this RouteGroupBuilder customers)
    {
        customers.MapGet("/{id:guid}/possible-duplicates", FindPossibleDuplicates).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep)
            .WithName(nameof(FindPossibleDuplicates))
            .WithSummary("Other customers that may be the same account")
            .WithDescription("""
                Customers whose folded legal or trade name is similar (pg_trgm similarity >= 0.5, given as the score of the
                'similar-name' reason), or that share an e-mail or phone with this customer or its contacts ('same-email',
                'same-phone', with the shared value). Best first: a shared e-mail or phone counts more than a similar name.
                limit: 1-50, default 10. 404 for an unknown customer.
                """)
            .Produces<PossibleDuplicates>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .Produces(StatusCodes.Status308PermanentRedirect)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return customers;
    }

    public static async Task<IResult> FindPossibleDuplicates(
        Guid id, HttpContext http, CustomersDbContext db, CancellationToken cancellationToken)
    {
        // Read as text so that "limit=abc" is a 422 naming limit, like every other invalid parameter.
        var limit = DefaultLimit;
        if (http.Request.Query.TryGetValue("limit", out var values)
            && (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["limit"] = [$"limit must be one whole number from 1 to {MaxLimit}."] });
        }

        var duplicates = await PossibleDuplicateFinder.FindAsync(db, id, limit, cancellationToken);
        return duplicates is null ? await MergedCustomers.AnswerMissingAsync(http, db, id, cancellationToken) : TypedResults.Ok(duplicates);
    }
}
