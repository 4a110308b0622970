using System.Globalization;

namespace CrmPlatform.Analytics.Value;

/// <summary>One part of the health score: its 0–100 score, its weight and why.</summary>
public sealed record HealthComponent(string Name, int Score, int Weight, string Explanation);

/// <summary>The relationship health score (0–100) and the components it is the weighted mean of.</summary>
public sealed record HealthScore(int Score, IReadOnlyList<HealthComponent> Components);

/// <summary>
/// What the relationship projection knows of a customer beyond purchases: days since the last contact (a note is not
/// contact) and since a decision maker was last reached (null: never), open overdue commitments, SLA breaches of 90 days.
/// </summary>
public sealed record RelationshipSignals(int? DaysSinceContact, int? DaysSinceDecisionMakerContact, int OverdueCommitments, int SlaBreaches90Days);

/// <summary>
/// Relationship health from what the purchases say (is the customer still alive (BG/NBD), buying at their usual rhythm,
/// spending more or less than before) and from how the relationship is served (contact recency, decision-maker reach,
/// overdue commitments, breached SLAs). Components that cannot be known are left out and the weights of the others
/// renormalised; a customer with no purchase has health 0.
/// </summary>
public static class RelationshipHealth
{
    public const int AliveWeight = 30;
    public const int RhythmWeight = 20;
    public const int TrendWeight = 20;
    public const int ContactWeight = 10;
    public const int DecisionMakerWeight = 10;
    public const int CommitmentsWeight = 5;
    public const int SlaWeight = 5;

    /// <summary>Contact recency scores 100 up to this many days since the last contact, falling linearly to 0 at three times it.</summary>
    public const int ContactFullDays = 30;

    /// <summary>Decision-maker reach scores 100 up to this many days, falling linearly to 0 at twice it.</summary>
    public const int DecisionMakerFullDays = 90;

    /// <summary>Points an open overdue commitment takes off its component (two leave none).</summary>
    public const int PointsPerOverdueCommitment = 50;

    /// <summary>Points an SLA breach of the last 90 days takes off its component (four leave none).</summary>
    public const int PointsPerSlaBreach = 25;

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
    /// <param name="relationship">The relationship signals, or null to score from purchases only.</param>
    public static HealthScore Score(
        double? probabilityAlive, int purchaseDays, double spanDays, double daysSinceLast, decimal recentRevenue, decimal previousRevenue,
        RelationshipSignals? relationship = null)
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

        if (relationship is { } r)
        {
            components.AddRange(RelationshipComponents(r));
        }

        var weight = components.Sum(c => c.Weight);
        var score = components.Sum(c => (double)c.Score * c.Weight) / weight;
        return new HealthScore(Round(score), components);
    }

    /// <summary>The four components of how the relationship is served, in the order the profile lists them.</summary>
    public static IEnumerable<HealthComponent> RelationshipComponents(RelationshipSignals r)
    {
        yield return r.DaysSinceContact is { } contact
            ? new HealthComponent("contact_recency", Linear(contact, ContactFullDays, 3 * ContactFullDays), ContactWeight,
                string.Create(CultureInfo.InvariantCulture, $"{contact} days since the last contact (full score up to {ContactFullDays}, none from {3 * ContactFullDays})."))
            : new HealthComponent("contact_recency", 0, ContactWeight, "Never contacted (notes do not count).");
        yield return r.DaysSinceDecisionMakerContact is { } reached
            ? new HealthComponent("decision_maker", Linear(reached, DecisionMakerFullDays, 2 * DecisionMakerFullDays), DecisionMakerWeight,
                string.Create(CultureInfo.InvariantCulture, $"A decision maker was reached {reached} days ago (full score up to {DecisionMakerFullDays}, none from {2 * DecisionMakerFullDays})."))
            : new HealthComponent("decision_maker", 0, DecisionMakerWeight, "No decision maker reached yet.");
        yield return new HealthComponent("commitments", Math.Max(0, 100 - (PointsPerOverdueCommitment * r.OverdueCommitments)), CommitmentsWeight,
            string.Create(CultureInfo.InvariantCulture, $"{r.OverdueCommitments} overdue commitment(s) open ({PointsPerOverdueCommitment} points off each)."));
        yield return new HealthComponent("sla", Math.Max(0, 100 - (PointsPerSlaBreach * r.SlaBreaches90Days)), SlaWeight,
            string.Create(CultureInfo.InvariantCulture, $"{r.SlaBreaches90Days} SLA breach(es) in the last 90 days ({PointsPerSlaBreach} points off each)."));
    }

    /// <summary>100 up to <paramref name="full"/> days, 0 from <paramref name="none"/>, linear between.</summary>
    private static int Linear(int days, int full, int none) => Round(100 * Math.Clamp((none - days) / (double)(none - full), 0, 1));

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
