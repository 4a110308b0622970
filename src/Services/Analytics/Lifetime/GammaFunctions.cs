namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// log Γ, ψ (digamma) and log B. .NET has no LogGamma, and the likelihoods need Γ at arguments from a small
/// shape parameter (~1e-3) to a shape plus hundreds of transactions, where Γ itself overflows; so everything
/// is in logs.
/// </summary>
/// <remarks>
/// Both functions shift a small argument up with the recurrence (Γ(x + 1) = x Γ(x), ψ(x + 1) = ψ(x) + 1/x)
/// until it reaches <see cref="AsymptoticFrom"/>, then sum Stirling's asymptotic series. From 10 up, the eight
/// Bernoulli terms below leave a truncation error under 1e-17, so what remains is rounding: about 1e-14
/// absolute for log Γ. A Lanczos approximation would be as good, but needs tabulated coefficients this series
/// does not.
/// </remarks>
internal static class GammaFunctions
{
    private const double AsymptoticFrom = 10.0;

    private static readonly double _halfLogTwoPi = 0.5 * Math.Log(2.0 * Math.PI);

    /// <summary>log |Γ(x)|; +∞ at the poles (0, −1, −2, …).</summary>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            if (x == Math.Floor(x))
            {
                return double.PositiveInfinity;
            }

            // Reflection, Γ(x) Γ(1 − x) = π / sin(πx); SinPi keeps πx exact for large |x|.
            return Math.Log(Math.PI / Math.Abs(double.SinPi(x))) - LogGamma(1.0 - x);
        }

        // Γ(1) = Γ(2) = 1 exactly; the series would leave a rounding residue of ~1e-15 there.
        if (x is 1.0 or 2.0)
        {
            return 0.0;
        }

        if (x >= AsymptoticFrom)
        {
            return Stirling(x);
        }

        // Γ(x) = Γ(x + n) / (x (x + 1) … (x + n − 1)); the product stays far inside double range (< 20!).
        var product = 1.0;
        while (x < AsymptoticFrom)
        {
            product *= x;
            x += 1.0;
        }

        return Stirling(x) - Math.Log(product);
    }

    /// <summary>ψ(x) = d/dx log Γ(x), the derivative the likelihood gradients need.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            if (x == Math.Floor(x))
            {
                return double.NaN;
            }

            // Reflection, ψ(1 − x) − ψ(x) = π cot(πx).
            return Digamma(1.0 - x) - Math.PI * double.CosPi(x) / double.SinPi(x);
        }

        var shift = 0.0;
        while (x < AsymptoticFrom)
        {
            shift += 1.0 / x;
            x += 1.0;
        }

        // ψ(x) ~ log x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ)
        var inverseSquare = 1.0 / (x * x);
        var series = inverseSquare * (1.0 / 12 - inverseSquare * (1.0 / 120 - inverseSquare * (1.0 / 252
            - inverseSquare * (1.0 / 240 - inverseSquare * (1.0 / 132 - inverseSquare * (691.0 / 32760
            - inverseSquare * (1.0 / 12 - inverseSquare * 3617.0 / 8160)))))));
        return Math.Log(x) - 0.5 / x - series - shift;
    }

    /// <summary>log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    // log Γ(x) ~ (x − ½) log x − x + ½ log 2π + Σ B₂ₖ / (2k (2k − 1) x²ᵏ⁻¹), for x ≥ 10.
    private static double Stirling(double x)
    {
        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        var inverse = 1.0 / x;
        var inverseSquare = inverse * inverse;
        var series = inverse * (1.0 / 12 - inverseSquare * (1.0 / 360 - inverseSquare * (1.0 / 1260
            - inverseSquare * (1.0 / 1680 - inverseSquare * (1.0 / 1188 - inverseSquare * (691.0 / 360360
            - inverseSquare * (1.0 / 156 - inverseSquare * 3617.0 / 122400)))))));
        return (x - 0.5) * Math.Log(x) - x + _halfLogTwoPi + series;
    }
}
