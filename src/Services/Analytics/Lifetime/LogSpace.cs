namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// Small functions for arithmetic on logarithms. The likelihoods are products of gamma functions and powers
/// of (α + T) that over- and underflow long before they are summed, so they are added in log space.
/// </summary>
/// <remarks>
/// double.LogP1 and double.ExpM1 exist, but compute log(1 + x) and exp(x) − 1 directly, which loses every digit
/// for a tiny x; the two here keep full relative precision.
/// </remarks>
internal static class LogSpace
{
    /// <summary>log(eᵘ + eᵛ) without overflow or underflow.</summary>
    public static double LogSumExp(double u, double v)
    {
        var max = Math.Max(u, v);
        if (double.IsNegativeInfinity(max))
        {
            return double.NegativeInfinity;
        }

        return max + LogOnePlus(Math.Exp(-Math.Abs(u - v)));
    }

    /// <summary>log(1 + x), accurate for a tiny x.</summary>
    public static double LogOnePlus(double x)
    {
        var onePlus = 1.0 + x;
        if (onePlus == 1.0)
        {
            return x;
        }

        // The rounding of 1 + x cancels: log(u) / (u − 1) is smooth, so evaluating it at the rounded u and
        // multiplying by the exact x gives log(1 + x) to a few ulps (Goldberg, "What every computer scientist…").
        return double.IsPositiveInfinity(onePlus) ? Math.Log(x) : Math.Log(onePlus) * x / (onePlus - 1.0);
    }

    /// <summary>eˣ − 1, accurate for a tiny x.</summary>
    public static double ExpMinusOne(double x)
    {
        var exp = Math.Exp(x);
        if (exp == 1.0)
        {
            return x;
        }

        var expMinusOne = exp - 1.0;
        if (expMinusOne == -1.0 || double.IsPositiveInfinity(exp))
        {
            return expMinusOne;
        }

        // Kahan's trick, the counterpart of the one in LogOnePlus.
        return expMinusOne * x / Math.Log(exp);
    }

    /// <summary>(1 − e⁻ʸ) / y, with its limit 1 at y = 0.</summary>
    public static double OneMinusExpNegativeOver(double y) => y == 0.0 ? 1.0 : -ExpMinusOne(-y) / y;
}
