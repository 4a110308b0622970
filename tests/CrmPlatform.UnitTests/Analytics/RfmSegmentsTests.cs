using CrmPlatform.Analytics.Value;

namespace CrmPlatform.UnitTests.Analytics;

public sealed class RfmSegmentsTests
{
    [Theory]
    [InlineData(5, 5, "champions")]
    [InlineData(5, 4, "champions")]
    [InlineData(4, 5, "loyal")]
    [InlineData(3, 4, "loyal")]
    [InlineData(5, 2, "potential_loyalist")]
    [InlineData(4, 3, "potential_loyalist")]
    [InlineData(5, 1, "new")]
    [InlineData(4, 1, "promising")]
    [InlineData(3, 3, "need_attention")]
    [InlineData(3, 1, "about_to_sleep")]
    [InlineData(3, 2, "about_to_sleep")]
    [InlineData(2, 3, "at_risk")]
    [InlineData(1, 4, "at_risk")]
    [InlineData(1, 5, "cant_lose")]
    [InlineData(2, 5, "cant_lose")]
    [InlineData(2, 2, "hibernating")]
    [InlineData(1, 2, "hibernating")]
    [InlineData(2, 1, "hibernating")]
    [InlineData(1, 1, "lost")]
    public void The_grid_names_the_segment(int recency, int frequency, string segment) =>
        RfmSegments.Of(recency, frequency).ShouldBe(segment);

    [Fact]
    public void Every_score_pair_has_a_segment_and_every_segment_is_reachable()
    {
        var named = new HashSet<string>();
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                named.Add(RfmSegments.Of(r, f));
            }
        }

        named.ShouldBe(RfmSegments.All, ignoreOrder: true);
        named.Count.ShouldBe(11);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, 0)]
    public void A_score_outside_1_to_5_is_refused(int recency, int frequency) =>
        Should.Throw<ArgumentOutOfRangeException>(() => RfmSegments.Of(recency, frequency));
}

public sealed class RelationshipHealthTests
{
    [Fact]
    public void A_customer_without_purchases_has_health_0() =>
        RelationshipHealth.Score(null, 0, 0, 0, 0, 0).Score.ShouldBe(0);

    [Fact]
    public void A_live_customer_at_their_rhythm_and_growing_is_fully_healthy()
    {
        var health = RelationshipHealth.Score(1.0, 5, 120, 20, 400, 200);
        health.Score.ShouldBe(100);
        health.Components.Select(c => c.Name).ShouldBe(["probability_alive", "rhythm", "trend"]);
    }

    [Fact]
    public void The_score_is_the_weighted_mean_of_its_components()
    {
        // Alive 0.5 → 50 (weight 30); 60 days since last at a 30-day rhythm (2×) → 50 (20); same revenue → 50 (20).
        var health = RelationshipHealth.Score(0.5, 5, 120, 60, 100, 100);
        health.Components.Select(c => c.Score).ShouldBe([50, 50, 50]);
        health.Score.ShouldBe(50);

        // Long gone at 3× the rhythm, nothing recent: only P(alive) 0.8 keeps some health: 30 · 80 / 70 = 34.3.
        RelationshipHealth.Score(0.8, 5, 120, 90, 0, 100).Score.ShouldBe(34);
    }

    [Fact]
    public void Without_a_model_the_other_components_carry_the_weight()
    {
        var health = RelationshipHealth.Score(null, 1, 0, 45, 100, 0);
        health.Components.Select(c => c.Name).ShouldBe(["rhythm", "trend"]);
        // One purchase 45 days ago against the 90 days expected of a single buyer: 100; new revenue: 100.
        health.Score.ShouldBe(100);
    }
}

public sealed class SpendPeriodTests
{
    [Theory]
    [InlineData("2026-11", "2026-11-01", "2026-12-01")]
    [InlineData("2026-12", "2026-12-01", "2027-01-01")]
    [InlineData("2026-Q4", "2026-10-01", "2027-01-01")]
    [InlineData("2026-Q1", "2026-01-01", "2026-04-01")]
    public void A_month_or_a_quarter_is_a_period(string period, string start, string end)
    {
        CrmPlatform.Analytics.Kpis.Periods.TryParse(period, out var s, out var e).ShouldBeTrue();
        (s, e).ShouldBe((DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("2026-q4")]
    [InlineData("2026")]
    [InlineData("2026-11-01")]
    [InlineData("26-11")]
    [InlineData("1899-01")]
    [InlineData(null)]
    public void Anything_else_is_not(string? period) =>
        CrmPlatform.Analytics.Kpis.Periods.TryParse(period, out _, out _).ShouldBeFalse();
}
