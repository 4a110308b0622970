namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// The predictive lifetime-value model of a customer base: BG/NBD for how many more transactions, Gamma-Gamma for how
/// much each is worth, both fitted by maximum likelihood on a <see cref="CalibrationSummary{TCustomer}"/>.
/// </summary>
/// <param name="BgNbd">The transaction model, in periods of <paramref name="PeriodDays"/> days.</param>
/// <param name="GammaGamma">The spend model.</param>
/// <param name="Customers">Customers the BG/NBD model was fitted on.</param>
/// <param name="ReturningCustomers">Those with at least one repeat transaction; the Gamma-Gamma model was fitted on
/// those of them whose repeat transactions average a positive value.</param>
/// <param name="PeriodDays">The length in days of the model's time unit.</param>
public sealed record LifetimeValueModel(
    BgNbdModel BgNbd, GammaGammaModel GammaGamma, int Customers, int ReturningCustomers, double PeriodDays)
{
    /// <summary>Days in a year, to turn an annual discount rate into one per period.</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>Fits both models on the summary's customers.</summary>
    /// <exception cref="InvalidOperationException">No customer has repeat transactions, or a fit does not converge.</exception>
    public static LifetimeValueModel Fit<TCustomer>(CalibrationSummary<TCustomer> summary)
    {
        var customers = summary.Customers;
        var bgNbd = ModelFitting.FitBgNbd(BgNbdLikelihood.Create(customers.Select(c => (c.RepeatTransactions, c.Recency, c.Age))));
        var gammaGamma = ModelFitting.FitGammaGamma(
            GammaGammaLikelihood.Create(SpendOutliers.Exclude(customers.Select(c => (c.RepeatTransactions, c.AverageRepeatValue)))));
        return new LifetimeValueModel(
            bgNbd, gammaGamma, customers.Count, customers.Count(c => c.RepeatTransactions > 0), summary.PeriodDays);
    }

    /// <summary>
    /// A customer's value: historic, and predicted over the next <paramref name="horizonPeriods"/> periods after the
    /// calibration end, discounted at <paramref name="annualDiscountRate"/> a year (0.10 for 10 %).
    /// </summary>
    /// <remarks>
    /// <para>There is no closed form for the discounted BG/NBD expectation, so it is approximated period by period: period k
    /// holds E[Y(k)] − E[Y(k − 1)] of the expected transactions (the conditional expectation of eq. 10, whose differences are
    /// exact), all discounted as if made at the end of their period by (1 + rate)^(−k · days per period / 365.25). Ending the
    /// period errs a little towards less value, by at most half a period's discounting; with weekly periods, about 0.1 % at
    /// 10 % a year. Each transaction is then worth the Gamma-Gamma E[Z | x, z̄], which the models take as independent of how
    /// many transactions there are.</para>
    /// <para>Cost: one series per period of the horizon, each tens to a few thousand terms.</para>
    /// </remarks>
    public CustomerLifetimeValue Predict<TCustomer>(CustomerSummary<TCustomer> customer, int horizonPeriods, double annualDiscountRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizonPeriods);
        if (!(annualDiscountRate > -1) || !double.IsFinite(annualDiscountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(annualDiscountRate), annualDiscountRate, "The discount rate must be finite and above −100 %.");
        }

        var x = customer.RepeatTransactions;
        var alive = BgNbd.ProbabilityAlive(x, customer.Recency, customer.Age);
        var value = GammaGamma.ExpectedAverageValue(x, customer.AverageRepeatValue);
        var discountPerPeriod = Math.Pow(1.0 + annualDiscountRate, -PeriodDays / DaysPerYear);

        double cumulative = 0, discounted = 0, discount = 1;
        for (var k = 1; k <= horizonPeriods; k++)
        {
            var next = alive * BgNbd.ExpectedTransactionsIfAlive(k, x, customer.Age);
            discount *= discountPerPeriod;
            discounted += (next - cumulative) * discount;
            cumulative = next;
        }

        return new CustomerLifetimeValue(alive, cumulative, discounted, value, discounted * value, customer.HistoricValue);
    }
}
