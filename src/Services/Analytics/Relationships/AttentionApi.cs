using System.Globalization;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Lifetime;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Analytics.Relationships;

/// <summary>One customer of the attention list.</summary>
public sealed record AttentionEntry(
    Guid CustomerId,
    decimal ValueAtRisk,
    decimal AnnualRevenue,
    double? ProbabilityAlive,
    string? Segment,
    bool IsStrategic,
    DateTimeOffset? LastContactAt,
    DateTimeOffset? LastDecisionMakerContactAt,
    int OverdueCommitments,
    int SlaBreaches90Days,
    IReadOnlyList<AttentionReason> Reasons,
    string SuggestedAction);

/// <summary>A page of the attention list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record AttentionPage(IReadOnlyList<AttentionEntry> Items, string? NextCursor, DateTimeOffset ComputedAt);

public static class AttentionApi
{
    private const string Sort = "-valueAtRisk";

    public static IEndpointRouteBuilder MapAttentionApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/analytics").WithTags("Analytics")
            .MapGet("/attention", GetAttention).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(GetAttention))
            .WithSummary("The customers needing attention, each with its reasons and the suggested next action, by value at risk")
            .WithDescription("""
                Reasons: strategic_no_contact, no_decision_maker, valuable_slipping, overdue_commitments, sla_breaches,
                alive_falling. valueAtRisk = annual revenue × (1 − P(alive)), annual revenue = net revenue × 365 / max(365,
                days since the first purchase). Keyset paged by value at risk descending (limit 1-200, cursor). Pages are cached
                in Redis for a minute at most, and not past a change of their inputs.
                """)
            .Produces<AttentionPage>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Ok<AttentionPage>, ProblemHttpResult>> GetAttention(
        HttpContext http, AnalyticsDbContext db, CurrentLifetimeModel models, AttentionCache cache, IOptions<AttentionOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var reader = new QueryReader(http.Request.Query, []);
        var limit = reader.Limit();
        var cursor = reader.Cursor(Sort, "");
        (decimal Value, Guid Id)? after = null;
        if (cursor is { } last)
        {
            if (decimal.TryParse(last.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                after = (value, last.Id);
            }
            else
            {
                reader.Errors.Add("cursor", "The cursor is not one this API gave: ask for the first page again (without cursor).");
            }
        }

        if (reader.Errors.Any)
        {
            return Problems.Validation(reader.Errors.ToDictionary());
        }

        var page = await cache.GetOrComputeAsync(http.Request.QueryString, async () =>
        {
            var now = clock.GetUtcNow();
            // The stored fit is in weeks (LifetimeModelRefit.PeriodDays), as the query's P(alive) expects.
            var model = (await models.GetAsync(db, cancellationToken))?.ToModel().BgNbd;
            var rows = await AttentionQuery.RunAsync(db, now, model, options.Value, limit + 1, after, cancellationToken);
            var entries = rows.Take(limit).Select(row =>
            {
                var reasons = AttentionRules.Reasons(row.Inputs, options.Value);
                return new AttentionEntry(row.CustomerId, row.ValueAtRisk, row.AnnualRevenue, row.Inputs.ProbabilityAlive, row.Inputs.Segment,
                    row.Inputs.IsStrategic, row.LastContactAt, row.LastDecisionMakerContactAt, row.Inputs.OverdueCommitments,
                    row.Inputs.SlaBreaches90Days, reasons, AttentionRules.SuggestedAction(reasons) ?? "");
            }).ToList();
            var next = rows.Count > limit
                ? PageCursor.Encode(Sort, "", rows[limit - 1].ValueAtRisk.ToString(CultureInfo.InvariantCulture), rows[limit - 1].CustomerId)
                : null;
            return new AttentionPage(entries, next, now);
        });
        return TypedResults.Ok(page);
    }
}
