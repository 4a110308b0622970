using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Portfolio;

public static class SummaryApi
{
    public static IEndpointRouteBuilder MapSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/analytics").WithTags("Analytics")
            .MapGet("/summary", GetSummary).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(GetSummary))
            .WithSummary("Headline numbers of the customer portfolio")
            .WithDescription("Counts come from customer events, so a customer registered a moment ago may take a moment to appear.");
        return app;
    }

    public static async Task<Ok<PortfolioSummary>> GetSummary(
        AnalyticsDbContext db, SummaryCache cache, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cache.GetOrComputeAsync(async () =>
        {
            var byCountry = await db.CountryTotals.AsNoTracking()
                .OrderByDescending(t => t.Customers).ThenBy(t => t.Country)
                .Select(t => new CountryCount(t.Country, t.Customers))
                .ToListAsync(cancellationToken);
            return new PortfolioSummary(byCountry.Sum(c => c.Customers), byCountry, clock.GetUtcNow());
        }));
}
