namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// The Gaussian hypergeometric function ₂F₁(a, b; c; z) = Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ for real parameters and
/// z &lt; 1, which the BG/NBD expectations are written in.
/// </summary>
/// <remarks>
/// The series converges for |z| &lt; 1, but like zⁿ: fast near 0, slowly near ±1. So:
/// <list type="bullet">
/// <item>z &lt; −½ is first mapped into (⅓, 1) by Pfaff's transformation, ₂F₁(a, b; c; z) = (1 − z)⁻ᵃ ₂F₁(a, c − b; c; z/(z − 1));</item>
/// <item>z &gt; 0.9 uses the connection formula to 1 − z (Abramowitz and Stegun 15.3.6), which needs only a few
/// terms, unless c − a − b is near an integer, where its two gamma ratios blow up and cancel; there the plain
/// series is summed instead, for as many terms as it takes (checked with a bound on the whole tail, up to
/// <see cref="MaxTerms"/>).</item>
/// </list>
/// The BG/NBD model itself goes through <see cref="BgNbdModel"/>'s transformed series, which stays well
/// conditioned for customers with many transactions; this general one is what that is checked against.
/// </remarks>
internal static class Hypergeometric
{
    /// <summary>Enough for z up to about 1 − 1e-5; a few milliseconds.</summary>
    public const int MaxTerms = 10_000_000;

    private const double RelativeTolerance = 1e-16;
    private const double NearOneFrom = 0.9;
    private const double NearIntegerWithin = 0.05;

    public static double TwoF1(double a, double b, double c, double z)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(z))
        {
            throw new ArgumentException("₂F₁ needs finite parameters.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, 1.0);
        if (IsPole(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "₂F₁ is undefined when c is 0, −1, −2, …");
        }

        if (z < -0.5)
        {
            return Math.Pow(1.0 - z, -a) * TwoF1(a, c - b, c, z / (z - 1.0));
        }

        var excess = c - a - b;
        if (z > NearOneFrom && Math.Abs(excess - Math.Round(excess)) > NearIntegerWithin)
        {
            return AroundOne(a, b, c, z);
        }

        return Series(a, b, c, z);
    }

    /// <summary>Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ, summed until the rest of the series cannot change the sum.</summary>
    internal static double Series(double a, double b, double c, double z)
    {
        var term = 1.0;
        var sum = 1.0;
        for (var n = 0; n < MaxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (term == 0.0)
            {
                return sum; // a or b is a non-positive integer: the series is a polynomial
            }

            if (Math.Abs(term) <= RelativeTolerance * Math.Abs(sum))
            {
                // The ratio of successive terms tends to z; from here on it is at most the larger of the next
                // ratio and |z|, so the tail is at most a geometric series with that ratio.
                var next = Math.Abs((a + n + 1) * (b + n + 1) / ((c + n + 1) * (n + 2)) * z);
                var bound = Math.Max(next, Math.Abs(z));
                if (bound < 1.0 && Math.Abs(term) * bound / (1.0 - bound) <= RelativeTolerance * Math.Abs(sum))
                {
                    return sum;
                }
            }
        }

        throw new ArithmeticException($"₂F₁({a}, {b}; {c}; {z}) did not converge in {MaxTerms} terms.");
    }

    // ₂F₁(a, b; c; z) = Γ(c) Γ(c − a − b) / (Γ(c − a) Γ(c − b)) ₂F₁(a, b; a + b − c + 1; 1 − z)
    //                 + (1 − z)^(c − a − b) Γ(c) Γ(a + b − c) / (Γ(a) Γ(b)) ₂F₁(c − a, c − b; c − a − b + 1; 1 − z)
    private static double AroundOne(double a, double b, double c, double z)
    {
        var excess = c - a - b;
        var oneMinusZ = 1.0 - z;
        var first = GammaRatio(c, excess, c - a, c - b);
        var second = GammaRatio(c, -excess, a, b);
        var sum = 0.0;
        if (first != 0.0)
        {
            sum += first * Series(a, b, 1.0 - excess, oneMinusZ);
        }

        if (second != 0.0)
        {
            sum += second * Math.Pow(oneMinusZ, excess) * Series(c - a, c - b, 1.0 + excess, oneMinusZ);
        }

        return sum;
    }

    // Γ(p) Γ(q) / (Γ(r) Γ(s)), through logs with the signs of Γ kept apart; 0 when r or s is a pole.
    private static double GammaRatio(double p, double q, double r, double s)
    {
        if (IsPole(r) || IsPole(s))
        {
            return 0.0;
        }

        var log = GammaFunctions.LogGamma(p) + GammaFunctions.LogGamma(q)
            - GammaFunctions.LogGamma(r) - GammaFunctions.LogGamma(s);
        return GammaSign(p) * GammaSign(q) * GammaSign(r) * GammaSign(s) * Math.Exp(log);
    }

    // Γ is positive for x > 0 and alternates in sign between the poles below 0: negative on (−1, 0).
    private static double GammaSign(double x) => x > 0 || Math.Floor(x) % 2 == 0 ? 1.0 : -1.0;

    private static bool IsPole(double x) => x <= 0 && x == Math.Floor(x);
}
