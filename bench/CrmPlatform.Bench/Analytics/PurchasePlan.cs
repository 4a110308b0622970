namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// How many purchases each customer makes: exactly <c>total</c> in all. Leads and prospects have not bought yet; every
/// other customer's history is simulated (<see cref="PurchaseHistory"/>) with all rates scaled so the histories add up to
/// about the total, then a few random customers gain or lose a purchase until they add up exactly.
/// </summary>
internal sealed class PurchasePlan
{
    private PurchasePlan(int[] counts, double rateScale)
    {
        Counts = counts;
        RateScale = rateScale;
    }

    public IReadOnlyList<int> Counts { get; }

    /// <summary>The factor on every customer's purchase rate (the generator replays the histories with it).</summary>
    public double RateScale { get; }

    public int Buyers => Counts.Count(c => c > 0);

    public static bool Buys(RosterCustomer customer) => customer.Stage is not ("lead" or "prospect");

    public static PurchasePlan Build(CustomerRoster roster, long total, int seed)
    {
        var customers = roster.Customers;
        var buyers = Enumerable.Range(0, customers.Count).Where(i => Buys(customers[i])).ToArray();
        if (buyers.Length == 0 || total < buyers.Length)
        {
            throw new ArgumentException($"{total:N0} purchases cannot give each of the {buyers.Length:N0} buying customers one.");
        }

        var now = roster.Now.ToUnixTimeSeconds();
        var counts = new int[customers.Count];
        var scale = 1.0;
        long sum = 0;
        // Expected purchases grow roughly in proportion to the rates: a few rounds of scaling come within a few percent.
        for (var round = 0; round < 6; round++)
        {
            sum = 0;
            foreach (var i in buyers)
            {
                counts[i] = PurchaseHistory.Simulate(customers[i], PurchaseHistory.RandomFor(seed, i), now, scale).Count;
                sum += counts[i];
            }

            var error = (double)(total - sum) / total;
            if (Math.Abs(error) < 0.02)
            {
                break;
            }

            // Only repeat purchases scale with the rate: the first one is there whatever it is.
            var repeats = Math.Max(1, sum - buyers.Length);
            scale *= Math.Max(0.05, (double)(total - buyers.Length) / repeats);
        }

        var random = new Random(seed + 1);
        while (sum != total)
        {
            var i = buyers[random.Next(buyers.Length)];
            if (sum < total)
            {
                counts[i]++;
                sum++;
            }
            else if (counts[i] > 1)
            {
                counts[i]--;
                sum--;
            }
        }

        return new PurchasePlan(counts, scale);
    }

    /// <summary>Customers per number of purchases, in buckets, to show the tail in the report.</summary>
    public string Describe()
    {
        var buckets = new (string Name, int From, int To)[] { ("0", 0, 0), ("1", 1, 1), ("2-4", 2, 4), ("5-19", 5, 19), ("20-99", 20, 99), ("100+", 100, int.MaxValue) };
        return string.Join(", ", buckets.Select(b => FormattableString.Invariant($"{b.Name}: {Counts.Count(c => c >= b.From && c <= b.To):N0}")))
            + FormattableString.Invariant($"; max {Counts.Max():N0}");
    }
}
