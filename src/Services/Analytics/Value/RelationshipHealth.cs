using System.Globalization;

namespace CrmPlatform.Analytics.Value;

/// <summary>One part of the health score: its 0–100 score, its weight and why.</summary>
public sealed record HealthComponent(string Name, int Score, int Weight, string Explanation);

/// <summary>The relationship health score (0–100) and the components it is the weighted mean of.</summary>
public sealed record HealthScore(int Score, IReadOnlyList<HealthComponent> Components);

/// <summary>
/// Relationship health from what the purchases say: is the customer still alive (BG/NBD), buying at their usual rhythm,
/// and spending more or less than before. Components that cannot be known are left out and the weights of the others
/// renormalised; a customer with no purchase has health 0.
/// </summary>
public static class RelationshipHealth
{
    public const int AliveWeight = 40;
    public const int RhythmWeight = 30;
    public const int TrendWeight = 30;

    /// <summary>The interval expected of a customer seen on one day only, to judge their recency.</summary>
    public const double SingleBuyerIntervalDays = 90;

    /// <summary>The two windows compared by the trend component.</summary>
    public const int TrendWindowDays = 180;

    /// <param name="probabilityAlive">P(alive) from the fitted model, or null when no model could be fitted.</param>
    /// <param name="purchaseDays">Days with a purchase.</param>
    /// <param name="spanDays">Days from the first to the last purchase day.</param>
    /// <param name="daysSinceLast">Days from the last purchase to today.</param>
    /// <param name="recentRevenue">Net revenue of the last <see cref="TrendWindowDays"/> days.</param>
    /// <param name="previousRevenue">Net revenue of the <see cref="TrendWindowDays"/> days before those.</param>
    public static HealthScore Score(double? probabilityAlive, int purchaseDays, double spanDays, double daysSinceLast, decimal recentRevenue, decimal previousRevenue)
    {
        if (purchaseDays == 0)
        {
            return new HealthScore(0, [new HealthComponent("purchases", 0, 100, "No purchase yet.")]);
        }

        var components = new List<HealthComponent>();
        if (probabilityAlive is { } alive)
        {
            components.Add(new HealthComponent("probability_alive", Round(100 * alive), AliveWeight,
                string.Create(CultureInfo.InvariantCulture, $"{alive:P0} likely to be still buying (BG/NBD).")));
        }

        var interval = purchaseDays > 1 ? spanDays / (purchaseDays - 1) : SingleBuyerIntervalDays;
        var ratio = daysSinceLast / Math.Max(interval, 1);
        components.Add(new HealthComponent("rhythm", Round(100 * Math.Clamp((3 - ratio) / 2, 0, 1)), RhythmWeight,
            string.Create(CultureInfo.InvariantCulture, $"{daysSinceLast:0} days since the last purchase; usual interval {interval:0} days (full score up to 1×, none from 3×).")));

        var trend = previousRevenue > 0 ? (double)(recentRevenue / previousRevenue) : recentRevenue > 0 ? 2.0 : 0.0;
        components.Add(new HealthComponent("trend", Round(Math.Clamp(50 * trend, 0, 100)), TrendWeight,
            string.Create(CultureInfo.InvariantCulture, $"{recentRevenue:0.##} in the last {TrendWindowDays} days against {previousRevenue:0.##} in the {TrendWindowDays} before (50 = the same, 100 = double or more).")));

        var weight = components.Sum(c => c.Weight);
        var score = components.Sum(c => (double)c.Score * c.Weight) / weight;
        return new HealthScore(Round(score), components);
    }

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
