using CrmPlatform.Customers.Access;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Npgsql;

namespace CrmPlatform.Customers.Search;

public static class CustomerSearchApi
{
    /// <summary>Maps <c>GET /</c> of the customers group: search and lists.</summary>
    public static RouteGroupBuilder MapCustomerSearch(this RouteGroupBuilder customers)
    {
        customers.MapGet("/", SearchCustomers).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Analyst, CrmRoles.Accounting, CrmRoles.Logistics, CrmRoles.Marketing)
            .WithName(nameof(SearchCustomers))
            .WithSummary("Search and list customers")
            .WithDescription("""
                Query parameters: q (at least 3 letters or digits; found anywhere in the legal and trade names, tax id and
                e-mail, ignoring case and accents; a formatted tax id also matches its canonical form), segment and tag
                (repeatable; a customer must have all), stage (repeatable; lead, prospect, qualified, customer, inactive,
                lost), owner, country (ISO alpha-2), strategic (true|false), sort (legalName, registeredAt, updatedAt; a
                leading '-' is descending; default legalName), limit (1-200, default 50), cursor (the nextCursor of the
                previous page, with the same filters and sort) and includeTotal (true adds the exact number of matches,
                which costs counting them all: ask for it on the first page only). Every invalid parameter is a 422 naming it.
                """)
            .Produces<CustomerPage>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return customers;
    }

    public static async Task<IResult> SearchCustomers(
        HttpRequest request, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.User;
        var hidden = CustomerFieldVisibility.HiddenFrom(user);
        if (HiddenFieldProbe(request.Query["q"].ToString(), hidden) is { } probe)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["q"] = [probe] });
        }

        var (criteria, errors) = SearchQueryParser.Parse(CallerIdentity.IsLimitedToOwnCustomers(user) ? OwnedBy(request.Query, Actor.Of(request.HttpContext)) : request.Query);
        if (criteria is null)
        {
            return Problems.Validation(errors);
        }

        try
        {
            var page = await CustomerSearch.RunAsync(db, criteria, clock, cancellationToken);
            return hidden.Count == 0 ? TypedResults.Ok(page) : Results.Text(Redacted(page, hidden), "application/json", System.Text.Encoding.UTF8);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                type: Problems.TypeBase + "search-timeout",
                title: "The search took too long.",
                detail: $"The search was stopped after {CustomerSearch.TimeoutSeconds} s: narrow it (a longer q, a segment, a stage or an owner).");
        }
    }

    /// <summary>
    /// q also matches tax ids and e-mail addresses. A caller who may not see those must not be able to
    /// confirm one by searching for it (is this CPF our customer?), so a q that looks like one is
    /// refused for them: four or more digits, or an '@'.
    /// </summary>
    private static string? HiddenFieldProbe(string q, IReadOnlySet<string> hidden)
    {
        if (hidden.Contains("taxId") && q.Count(char.IsAsciiDigit) >= 4)
        {
            return "Your role does not see tax ids, so it may not search by one (four or more digits).";
        }

        return hidden.Contains("email") && q.Contains('@', StringComparison.Ordinal)
            ? "Your role does not see e-mail addresses, so it may not search by one."
            : null;
    }

    /// <summary>A rep's portfolio is their own customers, whatever owner they asked for (cursors included).</summary>
    private static QueryCollection OwnedBy(IQueryCollection query, string owner)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        values["owner"] = owner;
        return new QueryCollection(values);
    }

    private static string Redacted(CustomerPage page, IReadOnlySet<string> hidden)
    {
        var document = System.Text.Json.JsonSerializer.SerializeToNode(page, CustomerResponse.Json)!.AsObject();
        foreach (var item in document["items"]!.AsArray())
        {
            CustomerFieldVisibility.RemoveFrom(item!.AsObject(), hidden);
        }

        return document.ToJsonString(CustomerResponse.Json);
    }
}
