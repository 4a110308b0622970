namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// The Gamma-Gamma log-likelihood of the returning customers' average transaction values, and its gradient, over
/// the logs of (p, q, γ).
/// </summary>
/// <remarks>
/// <para>A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers; the mean z̄ of x of them
/// is Gamma(px, νx), and integrating ν out (Fader and Hardie, "The Gamma-Gamma model of monetary value", 2013):</para>
/// <code>
/// log f(z̄ | x) = log Γ(px + q) − log Γ(px) − log Γ(q) + q log γ + px log x + (px − 1) log z̄ − (px + q) log(γ + x z̄)
/// </code>
/// <para>The gamma-function terms and Σ log z̄ depend only on x and are computed once per distinct x; each customer then
/// costs one logarithm and one division. Only customers with x &gt; 0 and z̄ &gt; 0 carry information.</para>
/// </remarks>
internal sealed class GammaGammaLikelihood
{
    private readonly int[] _levels;           // the distinct x, ascending
    private readonly int[] _levelStart;       // customers of level k are [_levelStart[k], _levelStart[k + 1])
    private readonly double[] _levelSumLogMean; // Σ log z̄ over the level
    private readonly double[] _totalValue;    // x z̄ of each customer

    private GammaGammaLikelihood(int[] levels, int[] levelStart, double[] levelSumLogMean, double[] totalValue)
    {
        _levels = levels;
        _levelStart = levelStart;
        _levelSumLogMean = levelSumLogMean;
        _totalValue = totalValue;
    }

    public int Customers => _totalValue.Length;

    /// <summary>Mean z̄ over the customers: a scale to start the fit from.</summary>
    public double MeanValue { get; private init; }

    /// <param name="customers">(x, z̄) of each customer; those with x = 0 or z̄ ≤ 0 are left out.</param>
    public static GammaGammaLikelihood Create(IEnumerable<(int Transactions, double MeanValue)> customers)
    {
        var used = customers
            .Where(c => c.Transactions > 0 && c.MeanValue > 0 && double.IsFinite(c.MeanValue))
            .OrderBy(c => c.Transactions)
            .ToArray();
        var levels = new List<int>();
        var starts = new List<int>();
        var sums = new List<double>();
        var totals = new double[used.Length];
        for (var i = 0; i < used.Length; i++)
        {
            var (x, mean) = used[i];
            if (levels.Count == 0 || levels[^1] != x)
            {
                levels.Add(x);
                starts.Add(i);
                sums.Add(0);
            }

            sums[^1] += Math.Log(mean);
            totals[i] = x * mean;
        }

        starts.Add(used.Length);
        return new GammaGammaLikelihood([.. levels], [.. starts], [.. sums], totals)
        {
            MeanValue = used.Length == 0 ? 0 : used.Average(c => c.MeanValue),
        };
    }

    /// <summary>Σ log f(z̄ | x) at (p, q, γ) = exp(logParameters); gradient over the log-parameters.</summary>
    public double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        var p = Math.Exp(logParameters[0]);
        var q = Math.Exp(logParameters[1]);
        var gamma = Math.Exp(logParameters[2]);
        var logGamma = logParameters[2];
        var lgQ = GammaFunctions.LogGamma(q);
        var psiQ = GammaFunctions.Digamma(q);

        double total = 0, dp = 0, dq = 0, dGamma = 0;
        for (var level = 0; level < _levels.Length; level++)
        {
            var x = (double)_levels[level];
            var from = _levelStart[level];
            var to = _levelStart[level + 1];
            var n = (double)(to - from);
            var sumLogMean = _levelSumLogMean[level];
            var px = p * x;
            var logX = Math.Log(x);
            var psiPxQ = GammaFunctions.Digamma(px + q);

            double sumLog = 0, sumInverse = 0;
            for (var i = from; i < to; i++)
            {
                var denominator = gamma + _totalValue[i];
                sumLog += Math.Log(denominator);
                sumInverse += 1.0 / denominator;
            }

            total += n * (GammaFunctions.LogGamma(px + q) - GammaFunctions.LogGamma(px) - lgQ + q * logGamma + px * logX)
                + (px - 1.0) * sumLogMean - (px + q) * sumLog;
            dp += n * x * (psiPxQ - GammaFunctions.Digamma(px) + logX) + x * sumLogMean - x * sumLog;
            dq += n * (psiPxQ - psiQ + logGamma) - sumLog;
            dGamma += n * q / gamma - (px + q) * sumInverse;
        }

        gradient[0] = p * dp;
        gradient[1] = q * dq;
        gradient[2] = gamma * dGamma;
        return total;
    }
}
