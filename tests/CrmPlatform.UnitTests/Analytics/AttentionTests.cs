using CrmPlatform.Analytics.Relationships;
using CrmPlatform.Analytics.Value;

namespace CrmPlatform.UnitTests.Analytics;

public sealed class RelationshipHealthSignalsTests
{
    [Fact]
    public void A_well_served_relationship_keeps_full_health()
    {
        var health = RelationshipHealth.Score(1.0, 5, 120, 20, 400, 200, new RelationshipSignals(10, 45, 0, 0));
        health.Components.Select(c => c.Name).ShouldBe(
            ["probability_alive", "rhythm", "trend", "contact_recency", "decision_maker", "commitments", "sla"]);
        health.Components.Sum(c => c.Weight).ShouldBe(100);
        health.Score.ShouldBe(100);
    }

    [Fact]
    public void Contact_decision_maker_commitments_and_breaches_take_their_weight_off()
    {
        // Purchases perfect (70 of 100); never contacted (0 · 10), decision maker 135 days ago (halfway from 90 to 180: 50 · 10),
        // one overdue commitment (50 · 5), four breaches (0 · 5): (7000 + 500 + 250) / 100 = 77.5 → 78.
        var health = RelationshipHealth.Score(1.0, 5, 120, 20, 400, 200, new RelationshipSignals(null, 135, 1, 4));
        health.Components.Skip(3).Select(c => c.Score).ShouldBe([0, 50, 50, 0]);
        health.Score.ShouldBe(78);
    }

    [Theory]
    [InlineData(30, 100)]
    [InlineData(60, 50)]
    [InlineData(90, 0)]
    [InlineData(400, 0)]
    public void Contact_recency_is_full_up_to_30_days_and_gone_at_90(int days, int score) =>
        RelationshipHealth.RelationshipComponents(new RelationshipSignals(days, null, 0, 0)).First().Score.ShouldBe(score);
}

public sealed class AttentionRulesTests
{
    private static readonly AttentionOptions _options = new();

    private static AttentionInputs Quiet() => new(
        IsStrategic: false, DaysSinceContact: 5, DaysSinceDecisionMakerContact: 5, PurchaseDays: 4, DaysSinceLastPurchase: 10,
        UsualIntervalDays: 30, Segment: RfmSegments.Loyal, PreviousSegment: null, OverdueCommitments: 0, SlaBreaches90Days: 0, ProbabilityAlive: 0.9);

    private static string[] Codes(AttentionInputs inputs) => [.. AttentionRules.Reasons(inputs, _options).Select(r => r.Code)];

    [Fact]
    public void A_well_served_customer_needs_no_attention()
    {
        Codes(Quiet()).ShouldBeEmpty();
        AttentionRules.SuggestedAction([]).ShouldBeNull();
    }

    [Fact]
    public void A_strategic_account_needs_contact_within_the_configured_days()
    {
        Codes(Quiet() with { IsStrategic = true, DaysSinceContact = 30 }).ShouldBeEmpty();
        Codes(Quiet() with { IsStrategic = true, DaysSinceContact = 31 }).ShouldBe([AttentionRules.StrategicNoContact]);
        Codes(Quiet() with { IsStrategic = true, DaysSinceContact = null }).ShouldBe([AttentionRules.StrategicNoContact]);
        AttentionRules.Reasons(Quiet() with { IsStrategic = true, DaysSinceContact = 20 }, new AttentionOptions { StrategicNoContactDays = 10 })
            .Single().Code.ShouldBe(AttentionRules.StrategicNoContact);
        Codes(Quiet() with { DaysSinceContact = null }).ShouldBeEmpty(); // not strategic
    }

    [Fact]
    public void A_buying_customer_needs_a_decision_maker_reached_in_90_days()
    {
        Codes(Quiet() with { DaysSinceDecisionMakerContact = 91 }).ShouldBe([AttentionRules.NoDecisionMaker]);
        Codes(Quiet() with { DaysSinceDecisionMakerContact = null }).ShouldBe([AttentionRules.NoDecisionMaker]);
        Codes(Quiet() with { DaysSinceDecisionMakerContact = null, PurchaseDays = 0, DaysSinceLastPurchase = null, Segment = null, ProbabilityAlive = null })
            .ShouldBeEmpty(); // no purchases: not asked
    }

    [Fact]
    public void A_valuable_customer_slips_by_recency_or_by_segment()
    {
        Codes(Quiet() with { DaysSinceLastPurchase = 46 }).ShouldBe([AttentionRules.ValuableSlipping]); // > 1.5 × 30
        Codes(Quiet() with { DaysSinceLastPurchase = 45 }).ShouldBeEmpty();
        Codes(Quiet() with { Segment = RfmSegments.AtRisk, PreviousSegment = RfmSegments.Champions }).ShouldBe([AttentionRules.ValuableSlipping]);
        Codes(Quiet() with { Segment = RfmSegments.AtRisk, PreviousSegment = RfmSegments.Hibernating }).ShouldBeEmpty();
        Codes(Quiet() with { Segment = RfmSegments.Promising, DaysSinceLastPurchase = 400 }).ShouldBeEmpty(); // not valuable
    }

    [Fact]
    public void Overdue_commitments_breaches_and_falling_p_alive_are_reasons_and_the_most_urgent_suggests_the_action()
    {
        var reasons = AttentionRules.Reasons(Quiet() with { OverdueCommitments = 2, SlaBreaches90Days = 1, ProbabilityAlive = 0.3 }, _options);
        reasons.Select(r => r.Code).ShouldBe([AttentionRules.OverdueCommitments, AttentionRules.SlaBreaches, AttentionRules.AliveFalling]);
        reasons[0].Text.ShouldBe("2 commitment(s) to the customer are overdue.");
        AttentionRules.SuggestedAction(reasons)!.ShouldStartWith("Keep the overdue promise");
        AttentionRules.SuggestedAction(AttentionRules.Reasons(Quiet() with { SlaBreaches90Days = 1 }, _options))!.ShouldStartWith("Review the breached tickets with support");
        AttentionRules.SuggestedAction(AttentionRules.Reasons(Quiet() with { DaysSinceDecisionMakerContact = null }, _options)).ShouldBe("Call the decision maker.");
        Codes(Quiet() with { ProbabilityAlive = 0.5 }).ShouldBeEmpty(); // at the threshold: not below it
    }
}
