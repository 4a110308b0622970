namespace CrmPlatform.Analytics.Lifetime;

/// <summary>The customers' histories up to the end of a calibration period, as the models read them.</summary>
/// <param name="CalibrationEnd">The last day of the calibration period (purchases on it count).</param>
/// <param name="PeriodDays">The length in days of the time unit of recency and age (7 for weeks).</param>
/// <param name="Customers">One summary per customer, in the order the customers first appear in the purchases.</param>
public sealed record CalibrationSummary<TCustomer>(DateOnly CalibrationEnd, double PeriodDays, IReadOnlyList<CustomerSummary<TCustomer>> Customers);

/// <summary>Builds a <see cref="CalibrationSummary{TCustomer}"/> from purchases.</summary>
public static class CalibrationSummary
{
    /// <summary>
    /// Summarises each customer's purchases up to and including <paramref name="calibrationEnd"/>; later purchases (a
    /// holdout period) are ignored, and so are customers whose first purchase is later.
    /// </summary>
    /// <remarks>
    /// Times count whole days between dates: tₓ = (last day − first day) / period and T = (end − first day) / period. So a
    /// customer whose first purchase is on the end day has T = 0, and one who started on 1997-01-01 has T = 272 days =
    /// 38.86 weeks at an end of 1997-09-30. This is the convention of the CDNOW summary published with the BG/NBD paper,
    /// which it reproduces to the cent and the hundredth of a week.
    /// </remarks>
    public static CalibrationSummary<TCustomer> Summarize<TCustomer>(
        IEnumerable<Purchase<TCustomer>> purchases, DateOnly calibrationEnd, double periodDays)
        where TCustomer : notnull
    {
        if (!(periodDays > 0) || !double.IsFinite(periodDays))
        {
            throw new ArgumentOutOfRangeException(nameof(periodDays), periodDays, "The period must be a positive number of days.");
        }

        // Purchases on one day are one transaction: sum them per (customer, day) first.
        var days = new Dictionary<(TCustomer Customer, DateOnly Day), decimal>();
        var order = new Dictionary<TCustomer, int>();
        foreach (var purchase in purchases)
        {
            if (purchase.Day > calibrationEnd)
            {
                continue;
            }

            var key = (purchase.CustomerId, purchase.Day);
            days[key] = days.GetValueOrDefault(key) + purchase.Amount;
            order.TryAdd(purchase.CustomerId, order.Count);
        }

        var histories = new History[order.Count];
        foreach (var ((customer, day), amount) in days)
        {
            histories[order[customer]].Add(day, amount);
        }

        var customers = new CustomerSummary<TCustomer>[order.Count];
        foreach (var (customer, index) in order)
        {
            var history = histories[index];
            var repeat = history.Days - 1;
            customers[index] = new CustomerSummary<TCustomer>(
                customer,
                history.First,
                repeat,
                (history.Last.DayNumber - history.First.DayNumber) / periodDays,
                (calibrationEnd.DayNumber - history.First.DayNumber) / periodDays,
                repeat > 0 ? (double)((history.Total - history.FirstAmount) / repeat) : 0.0,
                history.Total);
        }

        return new CalibrationSummary<TCustomer>(calibrationEnd, periodDays, customers);
    }

    // One customer's purchase days, folded as they come, in any order.
    private struct History
    {
        public int Days;
        public DateOnly First;
        public DateOnly Last;
        public decimal FirstAmount;
        public decimal Total;

        public void Add(DateOnly day, decimal amount)
        {
            if (Days == 0 || day < First)
            {
                First = day;
                FirstAmount = amount;
            }

            if (Days == 0 || day > Last)
            {
                Last = day;
            }

            Days++;
            Total += amount;
        }
    }
}
