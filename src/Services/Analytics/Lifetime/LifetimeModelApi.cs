using System.Globalization;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Lifetime;

public static class LifetimeModelApi
{
    private static readonly string[] _parameters = ["calibrationEnd", "periodDays"];

    public static IEndpointRouteBuilder MapLifetimeModelApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/analytics").WithTags("Analytics")
            .MapGet("/clv/model", GetLifetimeModel).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(GetLifetimeModel))
            .WithSummary("The BG/NBD and Gamma-Gamma models fitted on the stored purchases")
            .WithDescription("""
                calibrationEnd (YYYY-MM-DD, required): the last day of the calibration period; periodDays (1-365, default 7): the
                time unit. Purchases on one UTC day are one transaction of their summed net amount; frequency is the repeat
                transaction days up to calibrationEnd, recency and age in periods. Maximum likelihood in log space. Amounts are
                not converted between currencies. The fit is cached in Redis until purchases change.
                """)
            .Produces<LifetimeModelResponse>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Ok<LifetimeModelResponse>, ProblemHttpResult>> GetLifetimeModel(
        HttpContext http, AnalyticsDbContext db, LifetimeModelCache cache, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (calibrationEnd, periodDays) = ReadQuery(http.Request.Query, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var first = await db.Purchases.MinAsync(p => (DateTimeOffset?)p.OccurredAt, cancellationToken);
        if (first is null)
        {
            errors.Add("calibrationEnd", "No purchases are stored yet: there is nothing to fit.");
            return Problems.Validation(errors.ToDictionary());
        }

        var firstDay = DateOnly.FromDateTime(first.Value.UtcDateTime);
        if (calibrationEnd < firstDay)
        {
            errors.Add("calibrationEnd", $"Is before the first purchase ({firstDay:yyyy-MM-dd}): the calibration period would be empty.");
            return Problems.Validation(errors.ToDictionary());
        }

        try
        {
            var model = await cache.GetOrFitAsync(calibrationEnd, periodDays, async () =>
            {
                var summary = await CalibrationSummaryQuery.ReadAsync(db, calibrationEnd, periodDays, cancellationToken);
                return LifetimeModelResponse.From(LifetimeValueModel.Fit(summary));
            });
            return TypedResults.Ok(model!);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add("calibrationEnd", $"The purchases up to this day do not identify the model: {ex.Message}");
            return Problems.Validation(errors.ToDictionary());
        }
    }

    private static (DateOnly CalibrationEnd, int PeriodDays) ReadQuery(IQueryCollection query, FieldErrors errors)
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

        var calibrationEnd = default(DateOnly);
        var rawEnd = query["calibrationEnd"].FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(rawEnd))
        {
            errors.Add("calibrationEnd", "Required: the last day of the calibration period, YYYY-MM-DD.");
        }
        else if (!DateOnly.TryParseExact(rawEnd, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out calibrationEnd))
        {
            errors.Add("calibrationEnd", "Must be a date, YYYY-MM-DD.");
        }
        else if (calibrationEnd < DateOnly.FromDateTime(QueryReader.MinTime.UtcDateTime) || calibrationEnd >= DateOnly.FromDateTime(QueryReader.MaxTime.UtcDateTime))
        {
            // The span of every time filter: the summary reads up to the day after, which 9999-12-31 has not (a 500).
            errors.Add("calibrationEnd", $"Must be from {QueryReader.MinTime:yyyy-MM-dd} and before {QueryReader.MaxTime:yyyy-MM-dd}.");
        }

        var periodDays = 7;
        var rawPeriod = query["periodDays"].FirstOrDefault()?.Trim();
        if (!string.IsNullOrEmpty(rawPeriod)
            && (!int.TryParse(rawPeriod, NumberStyles.None, CultureInfo.InvariantCulture, out periodDays) || periodDays is < 1 or > 365))
        {
            errors.Add("periodDays", "Must be a whole number of days from 1 to 365 (7 for weeks).");
        }

        return (calibrationEnd, periodDays);
    }
}
