namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// What the models need to know of one customer's purchases in the calibration period, in the notation of Fader, Hardie
/// and Lee: (x, tₓ, T) for the BG/NBD model and z̄ for the Gamma-Gamma model. Times are in periods (days / period length).
/// </summary>
/// <param name="CustomerId">Who.</param>
/// <param name="FirstPurchase">The day of the first purchase, when the customer was acquired; time runs from it.</param>
/// <param name="RepeatTransactions">x: days with a purchase after the first one.</param>
/// <param name="Recency">tₓ: time from the first purchase to the last one (0 when x = 0).</param>
/// <param name="Age">T: time from the first purchase to the end of the calibration period.</param>
/// <param name="AverageRepeatValue">z̄: mean value of the repeat transactions, the first excluded (0 when x = 0). The
/// first purchase is left out because it is often unlike the rest (a welcome offer, a starter kit).</param>
/// <param name="HistoricValue">All the customer spent in the calibration period, the first purchase included.</param>
public sealed record CustomerSummary<TCustomer>(
    TCustomer CustomerId,
    DateOnly FirstPurchase,
    int RepeatTransactions,
    double Recency,
    double Age,
    double AverageRepeatValue,
    decimal HistoricValue);
