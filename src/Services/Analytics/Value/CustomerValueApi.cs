using System.Globalization;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Lifetime;
using CrmPlatform.Analytics.Relationships;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmPlatform.Analytics.Value;

public static class CustomerValueApi
{
    private static readonly string[] _parameters = ["horizonDays", "discountRate"];

    public static IEndpointRouteBuilder MapCustomerValueApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/analytics").WithTags("Analytics")
            .MapGet("/customers/{id:guid}", GetCustomerValue).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Accounting)
            .WithName(nameof(GetCustomerValue))
            .WithSummary("What a customer is worth: RFM, ticket, margin, discount dependency, lifetime value and relationship health")
            .WithDescription("""
                horizonDays (1-3650, default 365) and discountRate (a yearly rate from 0 to 1, default 0.10) set the predicted
                lifetime value. Aggregates come from a projection kept with the purchases; RFM scores from the last recompute;
                predictions from the stored BG/NBD + Gamma-Gamma fit (GET /api/analytics/clv/model/current) applied to the
                customer's history up to today.
                A merged id answers the survivor's profile.
                """)
            .Produces<CustomerValueProfile>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Ok<CustomerValueProfile>, ProblemHttpResult>> GetCustomerValue(
        Guid id, HttpContext http, AnalyticsDbContext db, CurrentLifetimeModel models, IOptions<ValueOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (horizonDays, discountRate) = ReadQuery(http.Request.Query, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer?.MergedInto is { } survivor)
        {
            customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == survivor, cancellationToken);
        }

        if (customer is null)
        {
            return Problems.NotFound("customer", id);
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var threshold = options.Value.DiscountDependencyThreshold;
        var value = await db.CustomerValues.AsNoTracking().FirstOrDefaultAsync(v => v.CustomerId == customer.Id, cancellationToken);
        var days = await PurchaseDaysAsync(db, customer.Id, threshold, cancellationToken);

        var tenureDays = Math.Max(0, (int)(now - customer.AcquiredAt).TotalDays);
        var purchases = value?.Purchases ?? 0;
        var revenue = value?.Revenue ?? 0;
        var months = Math.Max(1.0, Math.Max(tenureDays, value is null ? 0 : (now - value.FirstPurchaseAt).TotalDays) / (365.25 / 12));
        var discounted = days.Sum(d => d.Discounted);

        var (lifetime, unavailable) = await PredictAsync(db, models, customer.Id, days, today, revenue, horizonDays, discountRate, cancellationToken);
        var recent = days.Where(d => d.Day > today.AddDays(-RelationshipHealth.TrendWindowDays)).Sum(d => d.Net);
        var previous = days.Where(d => d.Day <= today.AddDays(-RelationshipHealth.TrendWindowDays) && d.Day > today.AddDays(-2 * RelationshipHealth.TrendWindowDays)).Sum(d => d.Net);
        var dayList = days.Select(d => d.Day).Distinct().Order().ToList();
        var signals = await AttentionQuery.SignalsAsync(db, customer.Id, now, cancellationToken);
        var health = RelationshipHealth.Score(
            lifetime?.ProbabilityAlive,
            dayList.Count,
            dayList.Count > 0 ? dayList[^1].DayNumber - dayList[0].DayNumber : 0,
            dayList.Count > 0 ? today.DayNumber - dayList[^1].DayNumber : 0,
            recent,
            previous,
            signals);

        return TypedResults.Ok(new CustomerValueProfile(
            customer.Id,
            customer.AcquiredAt,
            tenureDays,
            purchases,
            value?.PurchaseDays ?? 0,
            value?.FirstPurchaseAt,
            value?.LastPurchaseAt,
            value is null ? null : Math.Max(0, (int)(now - value.LastPurchaseAt).TotalDays),
            revenue,
            value?.GrossAmount ?? 0,
            value?.DiscountAmount ?? 0,
            purchases > 0 ? decimal.Round(revenue / purchases, 4) : null,
            Math.Round(purchases / months, 4),
            [.. days.Select(d => d.Currency).Distinct().Order(StringComparer.Ordinal)],
            value is { CostedRevenue: > 0 } costed
                ? new GrossMargin(costed.CostedRevenue - costed.Cost, decimal.Round((costed.CostedRevenue - costed.Cost) / costed.CostedRevenue, 4), costed.CostedRevenue)
                : null,
            new DiscountDependency(threshold, revenue > 0 ? decimal.Round(discounted / revenue, 4) : 0, discounted),
            value is { RecencyScore: { } r, FrequencyScore: { } f, MonetaryScore: { } m, Segment: { } segment, ScoredAt: { } scoredAt }
                ? new RfmScores(r, f, m, segment, scoredAt)
                : null,
            lifetime,
            unavailable,
            health));
    }

    private static async Task<(LifetimeValue? Value, string? Unavailable)> PredictAsync(
        AnalyticsDbContext db, CurrentLifetimeModel models, Guid customerId, List<PurchaseDay> days, DateOnly today, decimal revenue,
        int horizonDays, double discountRate, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return (null, "No purchase yet: the model predicts customers from their first purchase on.");
        }

        if (await models.GetAsync(db, cancellationToken) is not { } fitted)
        {
            return (null, "The lifetime-value model has not been fitted yet (it needs repeat purchases); POST /api/analytics/clv/model/refit fits it now.");
        }

        var model = fitted.ToModel();
        var summary = CalibrationSummary.Summarize(days.Select(d => new Purchase<Guid>(customerId, d.Day, d.Net)), today, model.PeriodDays);
        if (summary.Customers.Count == 0)
        {
            return (null, "The only purchases are dated after today (UTC): the model predicts from today's history.");
        }

        try
        {
            var own = summary.Customers[0];
            var predicted = model.Predict(own, (int)Math.Ceiling(horizonDays / model.PeriodDays), discountRate);
            var expected90 = model.BgNbd.ExpectedTransactions(90.0 / model.PeriodDays, own.RepeatTransactions, own.Recency, own.Age);
            return (new LifetimeValue(revenue, predicted.ProbabilityAlive, expected90, predicted.PredictedValue, horizonDays, discountRate), null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, $"The fitted model cannot value this customer: {ex.Message}");
        }
    }

    /// <summary>The customer's net revenue per UTC day and currency, and the part bought at a discount of at least the threshold.</summary>
    private static async Task<List<PurchaseDay>> PurchaseDaysAsync(AnalyticsDbContext db, Guid customerId, decimal threshold, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("""
                SELECT (occurred_at AT TIME ZONE 'UTC')::date, currency, sum(amount - coalesce(discount_amount, 0)),
                       coalesce(sum(amount - coalesce(discount_amount, 0)) FILTER (WHERE coalesce(discount_amount, 0) >= @threshold * amount AND discount_amount > 0), 0)
                FROM analytics.purchases
                WHERE customer_id = @customer
                GROUP BY 1, 2
                """, connection);
            command.Parameters.AddWithValue("customer", customerId);
            command.Parameters.AddWithValue("threshold", threshold);
            var days = new List<PurchaseDay>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add(new PurchaseDay(reader.GetFieldValue<DateOnly>(0), reader.GetString(1).Trim(), reader.GetDecimal(2), reader.GetDecimal(3)));
            }

            return days;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static (int HorizonDays, double DiscountRate) ReadQuery(IQueryCollection query, FieldErrors errors)
    {
        foreach (var (name, values) in query)
        {
            if (!_parameters.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(Text.Shorten(name), $"Unknown parameter: use {string.Join(", ", _parameters)}.");
            }
            else if (values.Count > 1)
            {
                errors.Add(name, "Give this parameter once.");
            }
        }

        var horizonDays = 365;
        var rawHorizon = query["horizonDays"].FirstOrDefault()?.Trim();
        if (!string.IsNullOrEmpty(rawHorizon)
            && (!int.TryParse(rawHorizon, NumberStyles.None, CultureInfo.InvariantCulture, out horizonDays) || horizonDays is < 1 or > 3650))
        {
            errors.Add("horizonDays", "Must be a whole number of days from 1 to 3650.");
        }

        var discountRate = 0.10;
        var rawRate = query["discountRate"].FirstOrDefault()?.Trim();
        if (!string.IsNullOrEmpty(rawRate)
            && (!double.TryParse(rawRate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out discountRate) || !double.IsFinite(discountRate) || discountRate is < 0 or > 1))
        {
            errors.Add("discountRate", "Must be a yearly rate from 0 to 1 (0.10 for 10 %).");
        }

        return (horizonDays, discountRate);
    }

    private sealed record PurchaseDay(DateOnly Day, string Currency, decimal Net, decimal Discounted);
}
