namespace CrmPlatform.Customers.Qualification;

/// <summary>
/// Turns the four criteria (0–100 each) into a score and a decision. Fit and the ability to pay are
/// knock-outs: a customer who does not fit the profile at all, or cannot pay, is not worth pursuing
/// however big it is. Payment capacity is capped while accounting reports invoices overdue.
/// </summary>
public static class Scoring
{
    public const string Qualified = "qualified";
    public const string Nurture = "nurture";
    public const string Disqualified = "disqualified";

    public const int QualifiedFrom = 70;
    public const int NurtureFrom = 40;
    public const int KnockOutBelow = 20;

    /// <summary>What one or more overdue invoices leave of the assessed payment capacity.</summary>
    public static int EffectivePaymentCapacity(int assessed, int overdueInvoices) => overdueInvoices switch
    {
        <= 0 => assessed,
        1 => Math.Min(assessed, 40),
        2 => Math.Min(assessed, 20),
        _ => 0,
    };

    /// <summary>Weights 30% fit, 25% purchase capacity, 25% payment capacity, 20% retention worth.</summary>
    public static int Score(int profileFit, int purchaseCapacity, int paymentCapacity, int retentionWorth) =>
        (int)Math.Round((30m * profileFit + 25m * purchaseCapacity + 25m * paymentCapacity + 20m * retentionWorth) / 100m, MidpointRounding.AwayFromZero);

    public static string Decide(int score, int profileFit, int paymentCapacity) =>
        profileFit < KnockOutBelow || paymentCapacity < KnockOutBelow ? Disqualified
        : score >= QualifiedFrom ? Qualified
        : score >= NurtureFrom ? Nurture
        : Disqualified;
}
