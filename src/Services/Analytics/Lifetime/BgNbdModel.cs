namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// A fitted BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while alive, a
/// customer buys at a Poisson rate λ ~ Gamma(r, α) across customers; after each repeat purchase they drop out with
/// probability p ~ Beta(a, b). Times are in the periods of the <see cref="CalibrationSummary{TCustomer}"/> it was fitted on.
/// </summary>
/// <param name="R">Shape of the purchase-rate distribution.</param>
/// <param name="Alpha">Scale of the purchase-rate distribution, in periods (mean rate r/α per period).</param>
/// <param name="A">First shape of the dropout-probability distribution (mean dropout a/(a + b)).</param>
/// <param name="B">Second shape of the dropout-probability distribution.</param>
/// <param name="LogLikelihood">Σ log L over the customers at these parameters.</param>
public sealed record BgNbdModel(double R, double Alpha, double A, double B, double LogLikelihood)
{
    private const double RelativeTolerance = 1e-16;
    private const int MaxTerms = Hypergeometric.MaxTerms;

    /// <summary>P(alive at T | x, tₓ, T) (FHL 2005 eq. 11); 1 for a customer without repeat purchases, who cannot have dropped out.</summary>
    public double ProbabilityAlive(int repeatTransactions, double recency, double age)
    {
        CheckHistory(repeatTransactions, recency, age);
        if (repeatTransactions == 0)
        {
            return 1.0;
        }

        // 1 / (1 + a/(b + x − 1) · ((α + T)/(α + tₓ))^(r + x)), with the odds in logs: the power overflows for
        // a frequent buyer long gone.
        var x = repeatTransactions;
        var logOdds = Math.Log(A) - Math.Log(B + x - 1) + (R + x) * (Math.Log(Alpha + age) - Math.Log(Alpha + recency));
        return 1.0 / (1.0 + Math.Exp(logOdds));
    }

    /// <summary>
    /// E[Y(t) | x, tₓ, T]: expected transactions in the next <paramref name="periods"/> of a customer with this
    /// history (FHL 2005 eq. 10).
    /// </summary>
    public double ExpectedTransactions(double periods, int repeatTransactions, double recency, double age)
    {
        CheckHistory(repeatTransactions, recency, age);
        return ProbabilityAlive(repeatTransactions, recency, age) * ExpectedTransactionsIfAlive(periods, repeatTransactions, age);
    }

    /// <summary>E[X(t)]: expected repeat transactions in a new customer's first <paramref name="periods"/> (FHL 2005 eq. 7).</summary>
    public double ExpectedTransactionsOfNewCustomer(double periods) => ExpectedTransactionsIfAlive(periods, 0, 0);

    /// <summary>
    /// Expected transactions in the next t periods of a customer alive at T after x repeat transactions: eq. 10 without
    /// its P(alive) factor, and eq. 7 for x = T = 0. With A = r + x, C = a + b + x − 1 and s = α + T it is
    /// C/(a − 1) · (1 − Φ), Φ = (s/(s + t))ᴬ ₂F₁(A, b + x; C; t/(s + t)).
    /// </summary>
    /// <remarks>
    /// <para>Summing that ₂F₁ as it stands goes wrong for a frequent buyer: its terms first grow like ((A)ₙ)² / (C)ₙ, far past
    /// the range of doubles for x in the hundreds, before (s/(s + t))ᴬ brings the product back to size; and the result is
    /// 0/0 at a = 1. Two transformations of ₂F₁ avoid both (the same Euler transformation Fader and Hardie use to overcome the
    /// BG/NBD's #NUM! error in spreadsheets):</para>
    /// <list type="bullet">
    /// <item>Pfaff: Φ = ₂F₁(A, a − 1; C; −t/s), so for t ≤ s/2 the result is Σₙ≥₁ (−1)ⁿ⁺¹ (A)ₙ (a)ₙ₋₁ / ((C + 1)ₙ₋₁ n!) (t/s)ⁿ, an
    /// alternating series in at most ½ⁿ, with (a − 1) and C cancelled out of it;</item>
    /// <item>Euler: Φ = (1 − z)^(a − 1) ₂F₁(C − A, a − 1; C; z), z = t/(s + t), whose parameters C − A = a + b − 1 − r and
    /// a − 1 do not grow with x. With L = log(1 + t/s) and y = (a − 1) L that gives
    /// C L (1 − e⁻ʸ)/y − e⁻ʸ Σₙ≥₁ (C − A)ₙ (a)ₙ₋₁ / ((C + 1)ₙ₋₁ n!) zⁿ, a series in zⁿ with z ≥ ⅓.</item>
    /// </list>
    /// <para>For a horizon of t periods the second series needs about 37 (s + t)/s terms: a few thousand even for ten years
    /// of weeks ahead of a brand-new customer.</para>
    /// </remarks>
    internal double ExpectedTransactionsIfAlive(double periods, int repeatTransactions, double age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        if (periods == 0)
        {
            return 0.0;
        }

        if (double.IsPositiveInfinity(periods))
        {
            throw new ArgumentOutOfRangeException(nameof(periods), "The horizon must be finite.");
        }

        var upper = R + repeatTransactions;               // A
        var lower = A + B + repeatTransactions - 1.0;     // C
        var scale = Alpha + age;                          // s
        var ratio = periods / scale;                      // t/s

        if (ratio <= 0.5)
        {
            // Terms (−1)ⁿ⁺¹ (A)ₙ (a)ₙ₋₁ / ((C + 1)ₙ₋₁ n!) (t/s)ⁿ, each the one before times −(A + n)(a + n − 1)/((C + n)(n + 1)) · t/s.
            return Sum(upper * ratio, upper, A - 1.0, lower, -ratio);
        }

        // Terms (C − A)ₙ (a)ₙ₋₁ / ((C + 1)ₙ₋₁ n!) zⁿ, each the one before times (C − A + n)(a + n − 1)/((C + n)(n + 1)) · z.
        var z = periods / (scale + periods);
        var log = LogSpace.LogOnePlus(ratio);
        var y = (A - 1.0) * log;
        var tail = Sum((lower - upper) * z, lower - upper, A - 1.0, lower, z);
        return lower * log * LogSpace.OneMinusExpNegativeOver(y) - Math.Exp(-y) * tail;
    }

    // Σₙ≥₁ termₙ with term₁ = first and termₙ₊₁ = termₙ · (p + n)(q + n)/((c + n)(n + 1)) · w, until the rest cannot
    // change the sum: the ratio of successive terms tends to w, so once it is below 1 the tail is at most a geometric
    // series in the larger of the next ratio and |w|.
    private static double Sum(double first, double p, double q, double c, double w)
    {
        var term = first;
        var sum = first;
        for (var n = 1; n < MaxTerms && term != 0.0; n++)
        {
            term *= (p + n) * (q + n) / ((c + n) * (n + 1)) * w;
            sum += term;
            var next = Math.Abs((p + n + 1) * (q + n + 1) / ((c + n + 1) * (n + 2)) * w);
            var bound = Math.Max(next, Math.Abs(w));
            if (bound < 1.0 && Math.Abs(term) * bound / (1.0 - bound) <= RelativeTolerance * Math.Abs(sum))
            {
                return sum;
            }
        }

        if (term == 0.0)
        {
            return sum;
        }

        throw new ArithmeticException($"A BG/NBD expectation series in {w} did not converge in {MaxTerms} terms.");
    }

    private static void CheckHistory(int repeatTransactions, double recency, double age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repeatTransactions);
        if (!(recency >= 0) || !(age >= recency) || !double.IsFinite(age))
        {
            throw new ArgumentOutOfRangeException(nameof(age), $"Needs 0 ≤ tₓ ≤ T; got tₓ = {recency}, T = {age}.");
        }
    }
}
