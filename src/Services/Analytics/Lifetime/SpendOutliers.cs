namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// Leaves out of the Gamma-Gamma fit the returning customers whose average repeat spend is more than
/// <see cref="MedianMultiple"/> times the median: a wholesaler among shops, a test load, a currency mistake (10,000,000
/// entered for 100,000.00).
/// </summary>
/// <remarks>
/// The Gamma-Gamma model describes one population of spenders. A handful of accounts a million times above the rest make
/// the likelihood's maximum run off towards the boundary (q and γ towards 0), so the fit fails for everyone, or is ruled
/// by them. Left out of the population fit, such customers are still valued: E[Z | x, z̄] weighs their own mean by
/// px / (px + q − 1), which for them is nearly all of it. Published data sets are far from the threshold (on CDNOW the
/// largest average is under 50 times the median), so the published estimates are unchanged.
/// </remarks>
public static class SpendOutliers
{
    public const double MedianMultiple = 1000;

    /// <summary>The customers to fit on: those with x = 0 or z̄ ≤ 0 pass through (the likelihood ignores them), the rest
    /// unless above the threshold.</summary>
    public static List<(int Transactions, double MeanValue)> Exclude(IEnumerable<(int Transactions, double MeanValue)> customers)
    {
        var all = customers.ToList();
        var spends = all.Where(c => c.Transactions > 0 && c.MeanValue > 0 && double.IsFinite(c.MeanValue)).Select(c => c.MeanValue).Order().ToArray();
        if (spends.Length == 0)
        {
            return all;
        }

        var median = spends.Length % 2 == 1 ? spends[spends.Length / 2] : (spends[spends.Length / 2 - 1] + spends[spends.Length / 2]) / 2;
        var limit = median * MedianMultiple;
        return [.. all.Where(c => !(c.Transactions > 0 && c.MeanValue > limit))];
    }
}
