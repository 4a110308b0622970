using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmPlatform.Analytics.Kpis;

/// <summary>Spend periods: a month <c>2026-11</c> or a quarter <c>2026-Q4</c>, as [start, end) dates.</summary>
public static partial class Periods
{
    public static bool TryParse(string? value, out DateOnly start, out DateOnly end)
    {
        start = end = default;
        if (value is null)
        {
            return false;
        }

        var match = PeriodPattern().Match(value);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 9998)
        {
            return false;
        }

        if (match.Groups["month"].Success)
        {
            start = new DateOnly(year, int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture), 1);
            end = start.AddMonths(1);
        }
        else
        {
            start = new DateOnly(year, (int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture) - 1) * 3 + 1, 1);
            end = start.AddMonths(3);
        }

        return true;
    }

    // [0-9], not \d: \d also matches other scripts' digits (٢٠٢٦), which int.Parse refuses with an exception.
    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?:(?<month>0[1-9]|1[0-2])|Q(?<quarter>[1-4]))$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
