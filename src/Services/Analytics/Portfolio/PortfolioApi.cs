using System.Globalization;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Value;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Analytics.Portfolio;

/// <summary>
/// Portfolio views over the value projection (<c>customer_values</c>): RFM distribution, revenue by segment and by
/// lifecycle stage, ABC classes of revenue and of margin, and the profitability ranking. Customers without purchases
/// have no row and do not appear.
/// </summary>
public static class PortfolioApi
{
    /// <summary>Class A holds the customers ranked before 80 % of the measure is reached, B those before 95 %, C the rest.</summary>
    public const decimal ClassA = 0.80m;

    public const decimal ClassB = 0.95m;

    private static readonly string[] _classes = ["A", "B", "C"];

    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/analytics").WithTags("Analytics");
        analytics.MapGet("/rfm", GetRfmDistribution).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(GetRfmDistribution))
            .WithSummary("Customers and revenue per RFM segment, as of the last recompute")
            .Produces<RfmDistribution>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        analytics.MapGet("/portfolio/revenue", GetRevenueBreakdown).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(GetRevenueBreakdown))
            .WithSummary("Revenue by RFM segment or by lifecycle stage (by=segment|stage)")
            .Produces<RevenueBreakdown>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        analytics.MapGet("/portfolio/abc", GetAbcAnalysis).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(GetAbcAnalysis))
            .WithSummary("ABC (Pareto) classes of revenue or margin, with the customers of a class")
            .WithDescription("""
                measure (revenue|margin, default revenue), class (A|B|C: list only its customers), limit (1-200), cursor. Customers
                are ranked by the measure, largest first; A are those ranked before 80 % of the total is reached, B before 95 %,
                C the rest (and every customer whose measure is not positive). Margin counts customers whose costs are known.
                """)
            .Produces<AbcAnalysis>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        analytics.MapGet("/portfolio/profitability", GetProfitability).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(GetProfitability))
            .WithSummary("Customers ranked by gross margin (order=most|least), over the purchases whose cost is known")
            .Produces<ProfitabilityPage>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Ok<RfmDistribution>, ProblemHttpResult>> GetRfmDistribution(HttpContext http, AnalyticsDbContext db, ViewCache views, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(http.Request.Query, []);
        if (reader.Errors.Any)
        {
            return Problems.Validation(reader.Errors.ToDictionary());
        }

        return TypedResults.Ok(await views.GetOrComputeAsync("rfm", http.Request.QueryString, async () =>
        {
            var rows = await db.QueryAsync("""
                SELECT segment, count(*), coalesce(sum(revenue), 0), max(scored_at) FROM analytics.customer_values GROUP BY segment
                """, r => (Segment: r.IsDBNull(0) ? null : r.GetString(0), Customers: r.GetInt64(1), Revenue: r.GetDecimal(2),
                    ScoredAt: r.IsDBNull(3) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(3)), cancellationToken);
            var total = rows.Sum(r => r.Revenue);
            RevenueGroup Group(string key, string? segment)
            {
                var row = rows.FirstOrDefault(r => r.Segment == segment);
                return new RevenueGroup(key, row.Customers, row.Revenue, Share(row.Revenue, total));
            }

            return new RfmDistribution(
                rows.Max(r => r.ScoredAt), total, [.. RfmSegments.All.Select(s => Group(s, s))], Group("unscored", null));
        }));
    }

    public static async Task<Results<Ok<RevenueBreakdown>, ProblemHttpResult>> GetRevenueBreakdown(HttpContext http, AnalyticsDbContext db, ViewCache views, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(http.Request.Query, ["by"]);
        var by = reader.String("by", 10) ?? "segment";
        if (by is not ("segment" or "stage"))
        {
            reader.Errors.Add("by", "Must be segment or stage.");
        }

        if (reader.Errors.Any)
        {
            return Problems.Validation(reader.Errors.ToDictionary());
        }

        return TypedResults.Ok(await views.GetOrComputeAsync("revenue", http.Request.QueryString, async () =>
        {
            var sql = by == "segment"
                ? "SELECT coalesce(segment, 'unscored'), count(*), coalesce(sum(revenue), 0) FROM analytics.customer_values GROUP BY 1 ORDER BY 3 DESC, 1"
                : """
                  SELECT c.stage, count(*), coalesce(sum(v.revenue), 0)
                  FROM analytics.customer_values v JOIN analytics.customers c ON c.id = v.customer_id
                  GROUP BY 1 ORDER BY 3 DESC, 1
                  """;
            var rows = await db.QueryAsync(sql, r => (Key: r.GetString(0), Customers: r.GetInt64(1), Revenue: r.GetDecimal(2)), cancellationToken);
            var total = rows.Sum(r => r.Revenue);

            return new RevenueBreakdown(by, total, [.. rows.Select(r => new RevenueGroup(r.Key, r.Customers, r.Revenue, Share(r.Revenue, total)))]);
        }));
    }

    public static async Task<Results<Ok<AbcAnalysis>, ProblemHttpResult>> GetAbcAnalysis(HttpContext http, AnalyticsDbContext db, ViewCache views, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(http.Request.Query, ["measure", "class"]);
        var measure = reader.String("measure", 10) ?? "revenue";
        if (measure is not ("revenue" or "margin"))
        {
            reader.Errors.Add("measure", "Must be revenue or margin.");
        }

        var @class = reader.String("class", 1);
        if (@class is not (null or "A" or "B" or "C"))
        {
            reader.Errors.Add("class", "Must be A, B or C.");
        }

        var limit = reader.Limit();
        var sort = $"-{measure}";
        var cursor = reader.Cursor(sort, @class ?? "");
        decimal afterValue = 0;
        if (cursor is { } c && !decimal.TryParse(c.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out afterValue))
        {
            reader.Errors.Add("cursor", "The cursor is not one this API gave: ask for the first page again (without cursor).");
        }

        if (reader.Errors.Any)
        {
            return Problems.Validation(reader.Errors.ToDictionary());
        }

        return TypedResults.Ok(await views.GetOrComputeAsync("abc", http.Request.QueryString, async () =>
        {
            var ranked = $"""
                WITH base AS (
                    {(measure == "revenue"
                        ? "SELECT customer_id, revenue AS value FROM analytics.customer_values"
                        : "SELECT customer_id, costed_revenue - cost AS value FROM analytics.customer_values WHERE costed_revenue > 0")}
                ), ranked AS (
                    SELECT customer_id, value,
                           coalesce(sum(greatest(value, 0)) OVER (ORDER BY value DESC, customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
                           coalesce(sum(greatest(value, 0)) OVER (), 0) AS total
                    FROM base
                ), classed AS (
                    SELECT *, CASE WHEN value > 0 AND before < @a * total THEN 'A' WHEN value > 0 AND before < @b * total THEN 'B' ELSE 'C' END AS class
                    FROM ranked
                )
                """;
            var classes = await db.QueryAsync(ranked + "SELECT class, count(*), sum(value), max(total) FROM classed GROUP BY class",
                r => (Class: r.GetString(0), Customers: r.GetInt64(1), Value: r.GetDecimal(2), Total: r.GetDecimal(3)), cancellationToken,
                ("a", ClassA), ("b", ClassB));
            var total = classes.Count > 0 ? classes.Max(x => x.Total) : 0;
            var page = await db.QueryAsync(ranked + """
                SELECT customer_id, value, CASE WHEN total > 0 THEN round((before + greatest(value, 0)) / total, 6) ELSE 0 END, class
                FROM classed
                WHERE (@class = '' OR class = @class)
                  AND (NOT @resume OR value < @after_value OR (value = @after_value AND customer_id > @after_id))
                ORDER BY value DESC, customer_id
                LIMIT @limit
                """, r => new AbcCustomer(r.GetGuid(0), r.GetDecimal(1), r.GetDecimal(2), r.GetString(3)), cancellationToken,
                ("a", ClassA), ("b", ClassB), ("class", @class ?? ""), ("resume", cursor is not null), ("after_value", afterValue),
                ("after_id", cursor?.Id ?? Guid.Empty), ("limit", limit + 1));
            var next = page.Count > limit
                ? PageCursor.Encode(sort, @class ?? "", page[limit - 1].Value.ToString(CultureInfo.InvariantCulture), page[limit - 1].CustomerId)
                : null;

            return new AbcAnalysis(
                measure,
                total,
                [.. _classes.Select(k => classes.FirstOrDefault(x => x.Class == k) is { Class: not null } x
                    ? new AbcClass(k, x.Customers, x.Value, Share(x.Value, total))
                    : new AbcClass(k, 0, 0, 0))],
                [.. page.Take(limit)],
                next);
        }));
    }

    public static async Task<Results<Ok<ProfitabilityPage>, ProblemHttpResult>> GetProfitability(HttpContext http, AnalyticsDbContext db, ViewCache views, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(http.Request.Query, ["order"]);
        var order = reader.String("order", 10) ?? "most";
        if (order is not ("most" or "least"))
        {
            reader.Errors.Add("order", "Must be most (most profitable first) or least (least profitable first).");
        }

        var limit = reader.Limit();
        var sort = order == "most" ? "-margin" : "margin";
        var cursor = reader.Cursor(sort, "");
        decimal afterValue = 0;
        if (cursor is { } c && !decimal.TryParse(c.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out afterValue))
        {
            reader.Errors.Add("cursor", "The cursor is not one this API gave: ask for the first page again (without cursor).");
        }

        if (reader.Errors.Any)
        {
            return Problems.Validation(reader.Errors.ToDictionary());
        }

        return TypedResults.Ok(await views.GetOrComputeAsync("profitability", http.Request.QueryString, async () =>
        {
            var (compare, direction) = order == "most" ? ("<", "DESC") : (">", "ASC");
            var rows = await db.QueryAsync($"""
                SELECT customer_id, revenue, costed_revenue, cost, costed_revenue - cost AS margin, round((costed_revenue - cost) / costed_revenue, 4)
                FROM analytics.customer_values
                WHERE costed_revenue > 0
                  AND (NOT @resume OR costed_revenue - cost {compare} @after_value OR (costed_revenue - cost = @after_value AND customer_id > @after_id))
                ORDER BY margin {direction}, customer_id
                LIMIT @limit
                """, r => new CustomerProfitability(r.GetGuid(0), r.GetDecimal(1), r.GetDecimal(2), r.GetDecimal(3), r.GetDecimal(4), r.GetDecimal(5)),
                cancellationToken, ("resume", cursor is not null), ("after_value", afterValue), ("after_id", cursor?.Id ?? Guid.Empty), ("limit", limit + 1));
            var next = rows.Count > limit
                ? PageCursor.Encode(sort, "", rows[limit - 1].Margin.ToString(CultureInfo.InvariantCulture), rows[limit - 1].CustomerId)
                : null;

            return new ProfitabilityPage(order, [.. rows.Take(limit)], next);
        }));
    }

    private static decimal Share(decimal part, decimal total) => total > 0 ? decimal.Round(part / total, 6) : 0;
}
