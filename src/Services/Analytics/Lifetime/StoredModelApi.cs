using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Analytics.Lifetime;

/// <summary>The stored fit the value profiles predict with (<see cref="LifetimeModelRefit"/>): read it, or refit it now.</summary>
public static class StoredModelApi
{
    public static IEndpointRouteBuilder MapStoredModelApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/analytics/clv/model").WithTags("Analytics");
        models.MapGet("/current", GetCurrentLifetimeModel).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(GetCurrentLifetimeModel))
            .WithSummary("The lifetime-value model the value profiles predict with")
            .WithDescription("Fitted on all purchases up to its calibration end, in weeks, when the service starts and every Analytics:Value:ModelRefitInterval (default 6 h). 404 while none has been fitted.")
            .Produces<StoredLifetimeModelResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        models.MapPost("/refit", RefitLifetimeModel).RequireRoles(CrmRoles.Analyst)
            .WithName(nameof(RefitLifetimeModel))
            .WithSummary("Fit the lifetime-value model on all purchases up to today now, and predict with it from now on")
            .WithDescription("After a history load, say. Concurrent requests share one fit. 422 when the purchases do not identify the model (no repeat customers).")
            .Produces<StoredLifetimeModelResponse>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Ok<StoredLifetimeModelResponse>, ProblemHttpResult>> GetCurrentLifetimeModel(
        AnalyticsDbContext db, CurrentLifetimeModel current, CancellationToken cancellationToken) =>
        await current.GetAsync(db, cancellationToken) is { } model
            ? TypedResults.Ok(StoredLifetimeModelResponse.From(model))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                type: Problems.TypeBase + "not-found",
                title: "No lifetime-value model has been fitted yet.",
                detail: "It is fitted once there are repeat purchases, when the service starts and then periodically; POST /api/analytics/clv/model/refit fits it now.");

    public static async Task<Results<Ok<StoredLifetimeModelResponse>, ProblemHttpResult>> RefitLifetimeModel(
        LifetimeModelRefit refit, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(StoredLifetimeModelResponse.From(await refit.RefitAsync(clock.GetUtcNow(), cancellationToken)));
        }
        catch (InvalidOperationException ex)
        {
            var errors = new FieldErrors();
            errors.Add("purchases", $"The purchases up to today do not identify the model: {ex.Message}");
            return Problems.Validation(errors.ToDictionary());
        }
    }
}
