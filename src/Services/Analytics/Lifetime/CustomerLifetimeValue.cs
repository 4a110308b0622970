namespace CrmPlatform.Analytics.Lifetime;

/// <summary>What one customer is worth: spent so far and expected over a horizon. Amounts are in the purchases' currency.</summary>
/// <param name="ProbabilityAlive">P(the customer has not dropped out by the end of the calibration period).</param>
/// <param name="ExpectedTransactions">Expected transactions over the horizon, undiscounted.</param>
/// <param name="DiscountedExpectedTransactions">The same, each period's share discounted to the end of the calibration period.</param>
/// <param name="ExpectedAverageValue">Expected value of each future transaction (Gamma-Gamma).</param>
/// <param name="PredictedValue">Discounted expected spend over the horizon: discounted transactions × expected value.</param>
/// <param name="HistoricValue">All the customer spent in the calibration period.</param>
public sealed record CustomerLifetimeValue(
    double ProbabilityAlive,
    double ExpectedTransactions,
    double DiscountedExpectedTransactions,
    double ExpectedAverageValue,
    double PredictedValue,
    decimal HistoricValue)
{
    /// <summary>Historic plus predicted value.</summary>
    public double TotalValue => (double)HistoricValue + PredictedValue;
}
