using System.Globalization;
using CrmPlatform.Analytics.Value;

namespace CrmPlatform.Analytics.Relationships;

/// <summary>Why a customer needs attention: a stable code and a sentence for people.</summary>
public sealed record AttentionReason(string Code, string Text);

/// <summary>What the attention list knows of one customer, as of <c>today</c>.</summary>
/// <param name="IsStrategic">A strategic account (customer profile).</param>
/// <param name="DaysSinceContact">Null: never contacted (notes do not count).</param>
/// <param name="DaysSinceDecisionMakerContact">Null: no decision maker reached yet.</param>
/// <param name="PurchaseDays">0: no purchase.</param>
/// <param name="DaysSinceLastPurchase">Null without purchases.</param>
/// <param name="UsualIntervalDays">Days between purchase days on average (90 for a customer seen on one day).</param>
/// <param name="Segment">The RFM segment of the last recompute, and the one before its last change.</param>
/// <param name="PreviousSegment">The segment before the last change, null if it never changed.</param>
/// <param name="OverdueCommitments">Open overdue commitments.</param>
/// <param name="SlaBreaches90Days">SLA breaches of the customer's tickets in the last 90 days.</param>
/// <param name="ProbabilityAlive">P(alive), null without purchases.</param>
public sealed record AttentionInputs(
    bool IsStrategic,
    int? DaysSinceContact,
    int? DaysSinceDecisionMakerContact,
    int PurchaseDays,
    int? DaysSinceLastPurchase,
    double UsualIntervalDays,
    string? Segment,
    string? PreviousSegment,
    int OverdueCommitments,
    int SlaBreaches90Days,
    double? ProbabilityAlive);

/// <summary>
/// The rules of the attention list. The list's SQL selects with the same rules (<see cref="AttentionQuery"/>); these build
/// the reasons and the suggested action of each entry it returns, in the order of urgency of the action.
/// </summary>
public static class AttentionRules
{
    public const string StrategicNoContact = "strategic_no_contact";
    public const string NoDecisionMaker = "no_decision_maker";
    public const string ValuableSlipping = "valuable_slipping";
    public const string OverdueCommitments = "overdue_commitments";
    public const string SlaBreaches = "sla_breaches";
    public const string AliveFalling = "alive_falling";

    /// <summary>A decision maker must have been reached within this many days.</summary>
    public const int DecisionMakerDays = 90;

    /// <summary>The window SLA breaches are counted in.</summary>
    public const int SlaWindowDays = 90;

    /// <summary>A valuable customer slips when the days since their last purchase pass this multiple of their usual interval.</summary>
    public const double SlippingIntervalMultiple = 1.5;

    /// <summary>The segments worth the most, whose slipping is a reason.</summary>
    public static readonly string[] ValuableSegments = [RfmSegments.Champions, RfmSegments.Loyal, RfmSegments.CantLose];

    /// <summary>The segments a valuable customer drops to when slipping.</summary>
    public static readonly string[] SlippingSegments = [RfmSegments.AtRisk, RfmSegments.CantLose, RfmSegments.AboutToSleep];

    public static IReadOnlyList<AttentionReason> Reasons(AttentionInputs c, AttentionOptions options)
    {
        var reasons = new List<AttentionReason>();
        if (c.OverdueCommitments > 0)
        {
            reasons.Add(new(OverdueCommitments, Invariant($"{c.OverdueCommitments} commitment(s) to the customer are overdue.")));
        }

        if (c.SlaBreaches90Days > 0)
        {
            reasons.Add(new(SlaBreaches, Invariant($"{c.SlaBreaches90Days} SLA breach(es) on the customer's tickets in the last {SlaWindowDays} days.")));
        }

        if (c.IsStrategic && (c.DaysSinceContact is null || c.DaysSinceContact > options.StrategicNoContactDays))
        {
            reasons.Add(new(StrategicNoContact, c.DaysSinceContact is { } days
                ? Invariant($"Strategic account with no contact for {days} days (more than {options.StrategicNoContactDays}).")
                : "Strategic account never contacted."));
        }

        if (c.PurchaseDays > 0 && (c.DaysSinceDecisionMakerContact is null || c.DaysSinceDecisionMakerContact > DecisionMakerDays))
        {
            reasons.Add(new(NoDecisionMaker, Invariant($"No decision maker reached in the last {DecisionMakerDays} days.")));
        }

        if (IsSlipping(c))
        {
            reasons.Add(new(ValuableSlipping, c.PreviousSegment is { } previous && previous != c.Segment && ValuableSegments.Contains(previous) && SlippingSegments.Contains(c.Segment)
                ? Invariant($"Dropped from {previous} to {c.Segment}.")
                : Invariant($"A {c.Segment} customer: {c.DaysSinceLastPurchase} days since the last purchase against a usual {c.UsualIntervalDays:0} days.")));
        }

        if (c.PurchaseDays > 0 && c.ProbabilityAlive is { } alive && alive < options.AliveThreshold)
        {
            reasons.Add(new(AliveFalling, Invariant($"Only {alive:P0} likely to be still buying (threshold {options.AliveThreshold:P0}).")));
        }

        return reasons;
    }

    /// <summary>The next action for the most urgent reason (the first), or null with none.</summary>
    public static string? SuggestedAction(IReadOnlyList<AttentionReason> reasons) => reasons.Count == 0 ? null : reasons[0].Code switch
    {
        OverdueCommitments => "Keep the overdue promise, or agree a new date with the customer.",
        SlaBreaches => "Review the breached tickets with support and call the customer.",
        StrategicNoContact => "Call the account: a strategic customer should hear from us.",
        NoDecisionMaker => "Call the decision maker.",
        ValuableSlipping => "Reach out with an offer fitted to what they buy.",
        _ => "Win them back: ask what changed and make an offer.",
    };

    private static bool IsSlipping(AttentionInputs c) =>
        c.Segment is { } segment
        && ((ValuableSegments.Contains(segment) && c.DaysSinceLastPurchase > SlippingIntervalMultiple * c.UsualIntervalDays)
            || (c.PreviousSegment is { } previous && previous != segment && ValuableSegments.Contains(previous) && SlippingSegments.Contains(segment)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
