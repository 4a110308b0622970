using System.Globalization;

namespace CrmPlatform.Customers.Search;

/// <summary>
/// The <c>cursor</c> of a customer search (see <see cref="PageCursor"/>): the last row's sort value
/// is its legal name or its timestamp, by the sort.
/// </summary>
public static class SearchCursor
{
    public static string Encode(SearchSort sort, string filterFingerprint, SearchPosition last)
    {
        var value = sort.IsTimestamp
            ? last.At!.Value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)
            : last.LegalName!;
        return PageCursor.Encode(sort.WireName, filterFingerprint, value, last.Id);
    }

    /// <summary>The position to resume after, or the reason (for a 422 naming <c>cursor</c>) this cursor cannot be used.</summary>
    public static bool TryDecode(string cursor, SearchSort sort, string filterFingerprint, out SearchPosition? position, out string? error)
    {
        position = null;
        if (!PageCursor.TryDecode(cursor, sort.WireName, filterFingerprint, out var last, out var reason))
        {
            error = reason;
            return false;
        }

        error = null;
        if (!sort.IsTimestamp)
        {
            position = new SearchPosition(last.Value, null, last.Id);
            return true;
        }

        // Through Times: a forged cursor may carry any offset, and PostgreSQL takes UTC only.
        if (!Times.TryFromCursor(last.Value, out var at))
        {
            error = "The cursor is not one this API gave: ask for the first page again (without cursor).";
            return false;
        }

        position = new SearchPosition(null, at, last.Id);
        return true;
    }
}
