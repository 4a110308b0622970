namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// One customer's purchase times, drawn as the BG/NBD model describes buying (Fader, Hardie and Lee 2005): a first purchase
/// soon after registration, then while alive purchases at a rate λ ~ Gamma(r, α) a week, and after each purchase a dropout
/// with probability p ~ Beta(a, b). So the lifetime model has the kind of data it was made for, and counts come out heavy
/// tailed (many one-time buyers, a few with dozens). Each customer draws from a Random seeded by its position: the plan
/// (which counts the purchases) and the generator (which writes them) replay the same history.
/// </summary>
internal static class PurchaseHistory
{
    private const double R = 0.6;
    private const double Alpha = 3.0;
    private const double DropoutA = 0.8;
    private const double DropoutB = 4.0;
    private const long Week = 7 * 86_400;
    private const int MaxPurchases = 2_000;

    public static Random RandomFor(int seed, int customer) =>
        // Not HashCode.Combine: it is randomised per process, and the data must be the same on every run.
        new(unchecked((seed * 1_000_003) + customer));

    /// <summary>
    /// Purchase times (Unix seconds, ascending) between the registration and a minute before now (the service refuses
    /// times ahead of its clock); <paramref name="rateScale"/> multiplies every customer's rate, to reach the asked total.
    /// </summary>
    public static List<long> Simulate(RosterCustomer customer, Random random, long now, double rateScale)
    {
        var rate = Sampling.Gamma(random, R, 1.0 / Alpha) * rateScale;
        var x = Sampling.Gamma(random, DropoutA, 1.0);
        var dropout = x / (x + Sampling.Gamma(random, DropoutB, 1.0));
        var end = now - 60;
        var from = customer.AcquiredAt.ToUnixTimeSeconds() + 1;
        // The first purchase within days of registering (mean 5 days), never after now.
        var at = Math.Min(end, from + (long)(Exponential(random) * 5 * 86_400));
        var times = new List<long> { at };
        while (times.Count < MaxPurchases && random.NextDouble() >= dropout && rate > 0)
        {
            at += (long)(Exponential(random) / rate * Week);
            if (at > end)
            {
                break;
            }

            times.Add(at);
        }

        return times;
    }

    /// <summary>
    /// Cuts or stretches a simulated history to <paramref name="count"/> purchases: the plan nudges a few customers' counts
    /// to reach the exact total. Cutting keeps the first ones (an earlier dropout); extra ones fall inside the customer's
    /// active span (or the month after a single purchase).
    /// </summary>
    public static void FitTo(List<long> times, int count, Random random, long now)
    {
        if (times.Count > count)
        {
            times.RemoveRange(count, times.Count - count);
            return;
        }

        var first = times[0];
        var last = times.Count > 1 ? times[^1] : Math.Min(now - 60, first + (30 * 86_400));
        while (times.Count < count)
        {
            times.Add(first + (long)(random.NextDouble() * (last - first)));
        }

        times.Sort();
    }

    private static double Exponential(Random random) => -Math.Log(1.0 - random.NextDouble());
}
