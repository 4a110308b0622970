using System.Globalization;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>Times on the wire: ISO 8601 with an explicit offset, answered in UTC.</summary>
public static class Times
{
    private static readonly string[] _dateFormats = ["yyyy-MM-dd"];

    /// <summary>
    /// A time with its offset, or a bare date as midnight UTC. A time without offset is refused: it is
    /// ambiguous across our users' time zones (Brasília, Bucharest), and guessing shifts it by hours.
    /// </summary>
    public static bool TryParse(string value, out DateTimeOffset at)
    {
        at = default;
        if (DateOnly.TryParseExact(value, _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            at = new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero);
            return true;
        }

        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
        if (!hasOffset || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        at = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>The cursor form of a time: round-trip, UTC.</summary>
    public static string ToCursor(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// The time of a cursor, in UTC. Our cursors are UTC already, but a forged one may carry any offset,
    /// and PostgreSQL's timestamptz parameters take offset 0 only (any other answered 500).
    /// </summary>
    public static bool TryFromCursor(string value, out DateTimeOffset at)
    {
        if (!DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            return false;
        }

        at = at.ToUniversalTime();
        return true;
    }
}
