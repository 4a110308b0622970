namespace CrmPlatform.Tests.Shared;

/// <summary>One purchase of a simulated history: whose, which day, how much.</summary>
public sealed record SimulatedPurchase(Guid CustomerId, DateOnly Day, decimal Amount);

/// <summary>
/// Seeded purchase histories drawn from the processes the lifetime-value models assume, so that they identify the models:
/// each customer starts on a day of the last 400 and buys at a rate λ ~ Gamma(2, 0.01 a day), dropping out after each
/// repeat purchase with a probability p ~ Beta(1, 3) of their own; a purchase is worth Gamma(4, ν) with ν ~ Gamma(3, 150).
/// </summary>
/// <remarks>
/// Histories without such variety (uniformly random days, one dropout rate for all) put the maximum of the likelihood on
/// the boundary of the parameter space: a fit on them then rightly fails to converge, or converges by chance of rounding,
/// which made tests that fit on a shared database depend on what other tests had stored.
/// </remarks>
public static class SimulatedHistories
{
    public static List<SimulatedPurchase> Draw(IReadOnlyList<Guid> customers, DateOnly today, int seed)
    {
        var random = new Random(seed);
        double Gamma(int shape) => Enumerable.Range(0, shape).Sum(_ => -Math.Log(1 - random.NextDouble())); // rate 1
        var purchases = new List<SimulatedPurchase>();
        foreach (var customer in customers)
        {
            var start = today.AddDays(-random.Next(30, 400));
            var perDay = 0.01 * Gamma(2);
            var dropout = 1 - Math.Pow(random.NextDouble(), 1.0 / 3);
            var spendRate = Gamma(3) / 150;
            var t = 0.0; // days since the start
            for (var bought = 0; bought < 30; bought++)
            {
                purchases.Add(new SimulatedPurchase(customer, start.AddDays((int)t), Math.Round((decimal)(Gamma(4) / spendRate), 2)));
                t += Gamma(1) / perDay;
                var droppedOut = bought > 0 && random.NextDouble() < dropout; // BG/NBD: only after a repeat purchase
                if (droppedOut || t >= today.DayNumber - start.DayNumber + 1)
                {
                    break;
                }
            }
        }

        return purchases;
    }
}
