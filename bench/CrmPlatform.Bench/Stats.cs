using System.Diagnostics;

namespace CrmPlatform.Bench;

/// <summary>Percentiles (nearest rank) of a set of durations in milliseconds.</summary>
public sealed record Distribution(int Count, double Mean, double P50, double P90, double P99, double P999, double Max)
{
    public static readonly Distribution Empty = new(0, 0, 0, 0, 0, 0, 0);

    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted);
        return new Distribution(sorted.Length, sorted.Average(), Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), Rank(sorted, 0.999), sorted[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() =>
        FormattableString.Invariant($"n={Count} mean={Mean:F2} p50={P50:F2} p90={P90:F2} p99={P99:F2} p99.9={P999:F2} max={Max:F2} ms");
}

public static class Ticks
{
    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static long FromSeconds(double seconds) => (long)(seconds * Stopwatch.Frequency);
}

public static class Fit
{
    /// <summary>Least-squares slope of y over x.</summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var num = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var den = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return den == 0 ? 0 : num / den;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
