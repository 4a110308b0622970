namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// A fitted Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"; Fader and Hardie 2013, "The Gamma-Gamma
/// model of monetary value"): a customer's transaction values are Gamma(p, ν), and ν ~ Gamma(q, γ) across customers.
/// It assumes spend does not depend on how often a customer buys; the BG/NBD part covers how often.
/// </summary>
/// <param name="P">Shape of each customer's transaction-value distribution.</param>
/// <param name="Q">Shape of the distribution of ν across customers.</param>
/// <param name="Gamma">Scale of the distribution of ν across customers, in the currency of the amounts.</param>
/// <param name="LogLikelihood">Σ log f(z̄ | x) over the returning customers at these parameters.</param>
public sealed record GammaGammaModel(double P, double Q, double Gamma, double LogLikelihood)
{
    /// <summary>
    /// E[Z | x, z̄]: the expected value of this customer's future transactions. It is the weighted mean
    /// (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · z̄ of the population mean and the customer's own mean, so the
    /// more repeat transactions, the more their own mean counts. For x = 0 it is the population mean pγ/(q − 1).
    /// </summary>
    /// <exception cref="InvalidOperationException">The mean does not exist: q ≤ 1 (the spend of a customer seen too little
    /// has an infinite expectation under the fitted parameters).</exception>
    public double ExpectedAverageValue(int repeatTransactions, double averageRepeatValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repeatTransactions);
        var px = P * repeatTransactions;
        var denominator = px + Q - 1.0;
        if (!(denominator > 0))
        {
            throw new InvalidOperationException($"The Gamma-Gamma mean is infinite for x = {repeatTransactions} when q = {Q}.");
        }

        var own = repeatTransactions > 0 ? repeatTransactions * averageRepeatValue : 0.0;
        return P * (Gamma + own) / denominator;
    }

    /// <summary>pγ/(q − 1): the mean transaction value across customers.</summary>
    public double PopulationMeanValue => ExpectedAverageValue(0, 0);
}
