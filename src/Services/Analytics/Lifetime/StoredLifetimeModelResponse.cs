using System.Text.Json.Serialization;

namespace CrmPlatform.Analytics.Lifetime;

/// <summary>A stored fit, as <c>/api/analytics/clv/model/current</c> and <c>/refit</c> answer it.</summary>
public sealed record StoredLifetimeModelResponse(
    [property: JsonPropertyName("fittedAt")] DateTimeOffset FittedAt,
    [property: JsonPropertyName("calibrationEnd")] DateOnly CalibrationEnd,
    [property: JsonPropertyName("periodDays")] int PeriodDays,
    [property: JsonPropertyName("bgnbd")] BgNbdParameters BgNbd,
    [property: JsonPropertyName("gammaGamma")] GammaGammaParameters GammaGamma,
    [property: JsonPropertyName("customers")] int Customers,
    [property: JsonPropertyName("returningCustomers")] int ReturningCustomers,
    [property: JsonPropertyName("fitSeconds")] double FitSeconds)
{
    public static StoredLifetimeModelResponse From(FittedLifetimeModel model) => new(
        model.FittedAt,
        model.CalibrationEnd,
        model.PeriodDays,
        new BgNbdParameters(model.R, model.Alpha, model.A, model.B, model.LogLikelihood),
        new GammaGammaParameters(model.P, model.Q, model.Gamma),
        model.Customers,
        model.ReturningCustomers,
        Math.Round(model.FitSeconds, 3));
}
