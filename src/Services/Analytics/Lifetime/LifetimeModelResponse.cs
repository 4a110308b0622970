using System.Text.Json.Serialization;

namespace CrmPlatform.Analytics.Lifetime;

/// <summary>The fitted lifetime-value model, as <c>GET /api/analytics/clv/model</c> answers it.</summary>
public sealed record LifetimeModelResponse(
    [property: JsonPropertyName("bgnbd")] BgNbdParameters BgNbd,
    [property: JsonPropertyName("gammaGamma")] GammaGammaParameters GammaGamma,
    [property: JsonPropertyName("customers")] int Customers,
    [property: JsonPropertyName("returningCustomers")] int ReturningCustomers)
{
    public static LifetimeModelResponse From(LifetimeValueModel model) => new(
        new BgNbdParameters(model.BgNbd.R, model.BgNbd.Alpha, model.BgNbd.A, model.BgNbd.B, model.BgNbd.LogLikelihood),
        new GammaGammaParameters(model.GammaGamma.P, model.GammaGamma.Q, model.GammaGamma.Gamma),
        model.Customers,
        model.ReturningCustomers);
}

/// <summary>BG/NBD: purchase rate λ ~ Gamma(r, α) (α in periods), dropout p ~ Beta(a, b); the log-likelihood at the fit.</summary>
public sealed record BgNbdParameters(
    [property: JsonPropertyName("r")] double R,
    [property: JsonPropertyName("alpha")] double Alpha,
    [property: JsonPropertyName("a")] double A,
    [property: JsonPropertyName("b")] double B,
    [property: JsonPropertyName("logLikelihood")] double LogLikelihood);

/// <summary>Gamma-Gamma: transaction value ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers.</summary>
public sealed record GammaGammaParameters(
    [property: JsonPropertyName("p")] double P,
    [property: JsonPropertyName("q")] double Q,
    [property: JsonPropertyName("gamma")] double Gamma);
