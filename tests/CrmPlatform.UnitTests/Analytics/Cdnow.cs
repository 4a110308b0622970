using System.Globalization;
using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

/// <summary>
/// The CDNOW sample of the BG/NBD paper (tests/data/cdnow): 2,357 customers' purchases from 1997-01 to 1998-06,
/// calibration to 1997-09-30, in weeks. Read and fitted once for all the tests.
/// </summary>
internal static class Cdnow
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    private static readonly Lazy<IReadOnlyList<Purchase<int>>> _purchases = new(ReadPurchases);
    private static readonly Lazy<CalibrationSummary<int>> _summary = new(() => CalibrationSummary.Summarize(Purchases, CalibrationEnd, 7));
    private static readonly Lazy<LifetimeValueModel> _model = new(() => LifetimeValueModel.Fit(Summary));

    public static IReadOnlyList<Purchase<int>> Purchases => _purchases.Value;

    public static CalibrationSummary<int> Summary => _summary.Value;

    public static LifetimeValueModel Model => _model.Value;

    /// <summary>The summary published with the data: ID, x, t_x, T (weeks), zbar, rounded to hundredths.</summary>
    public static IEnumerable<(int Id, int X, double Recency, double Age, double AverageValue)> PublishedSummary() =>
        File.ReadLines(PathOf("cdnow_customers_summary_with_transactions.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture)));

    // " 00004 0001 19970101  2   29.33": id in the full data set, id in the sample, date, CDs bought, dollars.
    private static List<Purchase<int>> ReadPurchases() =>
        File.ReadLines(PathOf("CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select(f => new Purchase<int>(
                int.Parse(f[1], CultureInfo.InvariantCulture),
                DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture),
                decimal.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "data", "cdnow", file);
}
