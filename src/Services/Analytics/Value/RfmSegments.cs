using System.Globalization;
using System.Text;

namespace CrmPlatform.Analytics.Value;

/// <summary>
/// The named RFM segments, from the recency (R) and frequency (F) scores, 1–5 each. The grid is the one in common use
/// for RFM marketing (R rows, F columns); monetary value ranks customers within a segment but does not move them between
/// segments. Rules are tried in order; the first that matches names the segment.
/// </summary>
/// <remarks>
/// <code>
///        F=1             F=2              F=3              F=4         F=5
/// R=5    new             potential_loy.   potential_loy.   champions   champions
/// R=4    promising       potential_loy.   potential_loy.   loyal       loyal
/// R=3    about_to_sleep  about_to_sleep   need_attention   loyal       loyal
/// R=2    hibernating     hibernating      at_risk          at_risk     cant_lose
/// R=1    lost            hibernating      at_risk          at_risk     cant_lose
/// </code>
/// </remarks>
public static class RfmSegments
{
    public const string Champions = "champions";
    public const string Loyal = "loyal";
    public const string PotentialLoyalist = "potential_loyalist";
    public const string New = "new";
    public const string Promising = "promising";
    public const string NeedAttention = "need_attention";
    public const string AboutToSleep = "about_to_sleep";
    public const string AtRisk = "at_risk";
    public const string CantLose = "cant_lose";
    public const string Hibernating = "hibernating";
    public const string Lost = "lost";

    private static readonly (int RFrom, int RTo, int FFrom, int FTo, string Segment)[] _rules =
    [
        (5, 5, 4, 5, Champions),
        (3, 4, 4, 5, Loyal),
        (4, 5, 2, 3, PotentialLoyalist),
        (5, 5, 1, 1, New),
        (4, 4, 1, 1, Promising),
        (3, 3, 3, 3, NeedAttention),
        (3, 3, 1, 2, AboutToSleep),
        (1, 2, 5, 5, CantLose),
        (1, 2, 3, 4, AtRisk),
        (1, 1, 1, 1, Lost),
        (1, 2, 1, 2, Hibernating),
    ];

    /// <summary>All segments, best first.</summary>
    public static IReadOnlyList<string> All { get; } = [.. _rules.Select(r => r.Segment).Distinct()];

    public static string Of(int recency, int frequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recency, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequency, 5);
        return _rules.First(r => recency >= r.RFrom && recency <= r.RTo && frequency >= r.FFrom && frequency <= r.FTo).Segment;
    }

    /// <summary>The same rules as a SQL CASE over two integer columns, so the recompute job and <see cref="Of"/> cannot drift.</summary>
    public static string SqlCase(string recency, string frequency)
    {
        var sql = new StringBuilder("CASE");
        foreach (var (rFrom, rTo, fFrom, fTo, segment) in _rules)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $" WHEN {recency} BETWEEN {rFrom} AND {rTo} AND {frequency} BETWEEN {fFrom} AND {fTo} THEN '{segment}'");
        }

        return sql.Append(" END").ToString();
    }
}
