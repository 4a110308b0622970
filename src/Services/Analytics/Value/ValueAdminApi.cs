using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Purchases;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Analytics.Value;

/// <summary>What an operator runs by hand: the RFM recompute now rather than at its next tick, and a rebuild of the value projection.</summary>
public static class ValueAdminApi
{
    public static IEndpointRouteBuilder MapValueAdminApi(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/analytics").WithTags("Analytics");
        analytics.MapPost("/rfm/recompute", RecomputeRfm).RequireRoles(CrmRoles.Analyst)
            .WithName(nameof(RecomputeRfm))
            .WithSummary("Score every customer's RFM now and publish the segment changes")
            .WithDescription("The same job that runs every Analytics:Value:RfmInterval (default 15 min); one instance at a time.")
            .Produces<RfmRecomputeResult>();
        analytics.MapPost("/projections/rebuild", RebuildProjections).RequireRoles()
            .WithName(nameof(RebuildProjections))
            .WithSummary("Rebuild every customer's value aggregates from the purchase facts, then recompute RFM")
            .WithDescription("""
                For drift after a restore or a fix. corrected counts the rows that disagreed with the facts (0 when none did). The
                relationship projection and the KPI facts are built from other services' events and are not rebuilt here.
                """)
            .Produces<ProjectionRebuildResult>();
        return app;
    }

    public static async Task<Ok<RfmRecomputeResult>> RecomputeRfm(RfmRecompute recompute, CancellationToken cancellationToken) =>
        TypedResults.Ok(await recompute.RecomputeAsync(cancellationToken));

    public static async Task<Ok<ProjectionRebuildResult>> RebuildProjections(
        AnalyticsDbContext db, PurchaseChanges changes, RfmRecompute recompute, CancellationToken cancellationToken)
    {
        (int Customers, int Corrected) values;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            values = await db.RebuildAllAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (values.Corrected > 0)
        {
            await changes.ChangedAsync(); // cached views were computed from the drifted rows
        }

        return TypedResults.Ok(new ProjectionRebuildResult(values.Customers, values.Corrected, await recompute.RecomputeAsync(cancellationToken)));
    }
}

/// <summary>What a rebuild did: customers with a value row, rows corrected, and the RFM recompute that followed.</summary>
public sealed record ProjectionRebuildResult(int Customers, int Corrected, RfmRecomputeResult Rfm);
