using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Analytics.Purchases;
using CrmPlatform.Integrations;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Kpis;

public static class KpiApi
{
    private static readonly string[] _spendFields = ["amount", "currency"];

    public static IEndpointRouteBuilder MapKpiApi(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/analytics").WithTags("Analytics");
        analytics.MapPut("/acquisition-spend/{period}", PutAcquisitionSpend).RequireRoles(CrmRoles.Marketing)
            .WithName(nameof(PutAcquisitionSpend))
            .WithSummary("Set what was spent on acquiring customers in a month (2026-11) or a quarter (2026-Q4)")
            .WithDescription("Body: { amount (≥ 0), currency (ISO 4217) }. Replaces the period's spend; months and quarters must not overlap.")
            .Accepts<AcquisitionSpendRequest>("application/json")
            .Produces<AcquisitionSpendResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        analytics.MapGet("/kpis", GetKpis).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(GetKpis))
            .WithSummary("NPS, CSAT, CAC, retention, average lifetime value and active customers for a period")
            .WithDescription("from and to (dates or times with offset; [from, to); default the current month).")
            .Produces<KpiReport>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Ok<AcquisitionSpendResponse>, ProblemHttpResult>> PutAcquisitionSpend(
        string period, HttpContext http, AnalyticsDbContext db, ViewCache views, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!Periods.TryParse(period, out var start, out var end))
        {
            errors.Add("period", $"'{Text.Shorten(period)}' is not a period: a month (2026-11) or a quarter (2026-Q4).");
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        foreach (var (name, _) in body!)
        {
            if (!_spendFields.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(Text.Shorten(name), "Unknown field: use amount, currency.");
            }
        }

        var amountOk = JsonFields.Decimal(body["amount"], "amount", errors, out var amount);
        if (amountOk && amount is null)
        {
            errors.Add("amount", "Required: a number ≥ 0.");
        }
        else if (amount < 0)
        {
            errors.Add("amount", "Must be 0 or more.");
        }

        JsonFields.String(body["currency"], "currency", errors, out var currency);
        if (currency is null && !errors.Has("currency"))
        {
            errors.Add("currency", $"Required: one of {Currencies.Choices}.");
        }
        else if (currency is not null && !Currencies.Known.Contains(currency))
        {
            errors.Add("currency", $"'{Text.Shorten(currency)}' is not one of {Currencies.Choices} (ISO 4217, upper case).");
        }

        if (!errors.Any && await db.AcquisitionSpend.AnyAsync(s => s.Period != period && s.Start < end && start < s.End, cancellationToken))
        {
            errors.Add("period", "Overlaps a period already entered (a month inside a quarter, or the quarter of a month): enter spend by months or by quarters.");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var spend = await db.AcquisitionSpend.FirstOrDefaultAsync(s => s.Period == period, cancellationToken);
        if (spend is null)
        {
            spend = new AcquisitionSpend { Period = period, Start = start, End = end, Currency = currency! };
            db.AcquisitionSpend.Add(spend);
        }

        spend.Amount = amount!.Value;
        spend.Currency = currency!;
        spend.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await views.ChangedAsync();
        return TypedResults.Ok(new AcquisitionSpendResponse(spend.Period, spend.Start, spend.End, spend.Amount, spend.Currency, spend.UpdatedAt));
    }

    public static async Task<Results<Ok<KpiReport>, ProblemHttpResult>> GetKpis(HttpContext http, AnalyticsDbContext db, TimeProvider clock, ViewCache views, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(http.Request.Query, ["from", "to"]);
        var now = clock.GetUtcNow();
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var from = reader.Time("from") ?? month;
        var to = reader.Time("to") ?? month.AddMonths(1);
        if (to <= from)
        {
            reader.Errors.Add("to", "Must be after from.");
        }

        if (reader.Errors.Any)
        {
            return Problems.Validation(reader.Errors.ToDictionary());
        }

        return TypedResults.Ok(await views.GetOrComputeAsync("kpis", http.Request.QueryString, async () =>
        {
            var nps = (await db.QueryAsync("""
                SELECT count(*), count(*) FILTER (WHERE score >= 9), count(*) FILTER (WHERE score <= 6)
                FROM analytics.nps_responses WHERE responded_at >= @from AND responded_at < @to
                """, r => (Responses: r.GetInt64(0), Promoters: r.GetInt64(1), Detractors: r.GetInt64(2)), cancellationToken, ("from", from), ("to", to)))[0];
            var csat = (await db.QueryAsync("""
                SELECT count(*), count(*) FILTER (WHERE rating >= 4), coalesce(avg(rating), 0)
                FROM analytics.satisfaction_ratings WHERE rated_at >= @from AND rated_at < @to
                """, r => (Ratings: r.GetInt64(0), Satisfied: r.GetInt64(1), Average: r.GetDecimal(2)), cancellationToken, ("from", from), ("to", to)))[0];
            var acquired = (await db.QueryAsync("""
                SELECT count(*) FROM analytics.customers WHERE acquired_at >= @from AND acquired_at < @to AND merged_into IS NULL
                """, r => r.GetInt64(0), cancellationToken, ("from", from), ("to", to)))[0];
            var spend = await db.QueryAsync("""
                SELECT currency, sum(amount) FROM analytics.acquisition_spend
                WHERE start >= @from_day AND "end" <= @to_day GROUP BY currency ORDER BY currency
                """, r => new MoneyAmount(r.GetString(0).Trim(), r.GetDecimal(1)), cancellationToken,
                ("from_day", DateOnly.FromDateTime(from.UtcDateTime)), ("to_day", DateOnly.FromDateTime(to.UtcDateTime)));
            var previousFrom = from - (to - from);
            var activity = (await db.QueryAsync("""
                WITH cur AS (SELECT DISTINCT customer_id FROM analytics.purchases WHERE occurred_at >= @from AND occurred_at < @to),
                     prev AS (SELECT DISTINCT customer_id FROM analytics.purchases WHERE occurred_at >= @previous AND occurred_at < @from)
                SELECT (SELECT count(*) FROM cur), (SELECT count(*) FROM prev), (SELECT count(*) FROM prev WHERE customer_id IN (SELECT customer_id FROM cur))
                """, r => (Active: r.GetInt64(0), Previous: r.GetInt64(1), Retained: r.GetInt64(2)), cancellationToken,
                ("from", from), ("to", to), ("previous", previousFrom)))[0];
            // A period reaching past anything a purchase can be dated (the default, the current month) counts every purchase:
            // the value projection holds those totals per customer, a million rows rather than ten million facts. Otherwise
            // the customers still come from it (first purchase before `to`), and only the revenue sums the facts.
            var everything = to > clock.GetUtcNow() + PurchaseLimits.FutureTolerance;
            var clv = (await db.QueryAsync(everything
                ? "SELECT count(*), coalesce(sum(revenue), 0) FROM analytics.customer_values"
                : """
                  SELECT (SELECT count(*) FROM analytics.customer_values WHERE first_purchase_at < @to),
                         (SELECT coalesce(sum(amount - coalesce(discount_amount, 0)), 0) FROM analytics.purchases WHERE occurred_at < @to)
                  """, r => (Customers: r.GetInt64(0), Revenue: r.GetDecimal(1)), cancellationToken, ("to", to)))[0];

            return new KpiReport(
                from,
                to,
                new NpsKpi(nps.Responses, nps.Promoters, nps.Detractors,
                    nps.Responses > 0 ? decimal.Round(100m * (nps.Promoters - nps.Detractors) / nps.Responses, 2) : null),
                new CsatKpi(csat.Ratings, csat.Ratings > 0 ? decimal.Round(100m * csat.Satisfied / csat.Ratings, 2) : null,
                    csat.Ratings > 0 ? decimal.Round(csat.Average, 2) : null),
                new CacKpi(spend, acquired, acquired > 0 ? [.. spend.Select(s => new MoneyAmount(s.Currency, decimal.Round(s.Amount / acquired, 2)))] : []),
                new RetentionKpi(activity.Previous, activity.Retained, activity.Previous > 0 ? decimal.Round((decimal)activity.Retained / activity.Previous, 4) : null),
                clv.Customers > 0 ? decimal.Round(clv.Revenue / clv.Customers, 2) : null,
                activity.Active);
        }));
    }
}

/// <summary>The body of <c>PUT /api/analytics/acquisition-spend/{period}</c>, for the API reference.</summary>
public sealed record AcquisitionSpendRequest(decimal Amount, string Currency);

public sealed record AcquisitionSpendResponse(string Period, DateOnly Start, DateOnly End, decimal Amount, string Currency, DateTimeOffset UpdatedAt);

public sealed record MoneyAmount(string Currency, decimal Amount);

/// <summary>The KPIs of [from, to).</summary>
public sealed record KpiReport(
    DateTimeOffset From, DateTimeOffset To, NpsKpi Nps, CsatKpi Csat, CacKpi Cac, RetentionKpi Retention, decimal? AverageLifetimeValue, long ActiveCustomers);

/// <summary>NPS = % promoters (9–10) − % detractors (0–6) of the answers in the period, −100 to 100.</summary>
public sealed record NpsKpi(long Responses, long Promoters, long Detractors, decimal? Score);

/// <summary>CSAT = % of ratings of 4 or 5 (of 1–5) in the period, and their mean.</summary>
public sealed record CsatKpi(long Ratings, decimal? Score, decimal? AverageRating);

/// <summary>CAC = spend of the months and quarters inside the period / customers registered in it, per currency.</summary>
public sealed record CacKpi(IReadOnlyList<MoneyAmount> Spend, long CustomersAcquired, IReadOnlyList<MoneyAmount> Cost);

/// <summary>Of the customers who bought in the window of the same length just before, the share who bought again in the period.</summary>
public sealed record RetentionKpi(long PreviousActiveCustomers, long RetainedCustomers, decimal? Rate);
