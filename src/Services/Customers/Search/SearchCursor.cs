using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CrmPlatform.Customers.Search;

/// <summary>
/// The opaque <c>cursor</c> of a list: base64url of a small JSON object (the sort, the last row's sort
/// value and id, the filter's fingerprint), a dot, and a checksum of that JSON. The checksum catches a
/// cursor that was cut or edited; it is no signature, and needs none: a cursor only says where to
/// resume, the filter is applied again on every page, so a forged one shows nothing a search could not.
/// </summary>
public static class SearchCursor
{
    public const int MaxLength = 1000;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    private sealed record Payload(string Sort, string Filter, string Value, Guid Id);

    public static string Encode(SearchSort sort, string filterFingerprint, SearchPosition last)
    {
        var value = sort.IsTimestamp
            ? last.At!.Value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)
            : last.LegalName!;
        var json = JsonSerializer.SerializeToUtf8Bytes(new Payload(sort.WireName, filterFingerprint, value, last.Id), _json);
        return Base64Url.EncodeToString(json) + "." + Base64Url.EncodeToString(Checksum(json));
    }

    /// <summary>The position to resume after, or the reason (for a 422 naming <c>cursor</c>) this cursor cannot be used.</summary>
    public static bool TryDecode(string cursor, SearchSort sort, string filterFingerprint, out SearchPosition? position, out string? error)
    {
        position = null;
        error = "The cursor is not one this API gave: ask for the first page again (without cursor).";
        var parts = cursor.Split('.');
        if (cursor.Length > MaxLength || parts.Length != 2 || !Base64Url.IsValid(parts[0]) || !Base64Url.IsValid(parts[1]))
        {
            return false;
        }

        var json = Base64Url.DecodeFromChars(parts[0]);
        if (!CryptographicOperations.FixedTimeEquals(Checksum(json), Base64Url.DecodeFromChars(parts[1])))
        {
            error = "The cursor was changed or cut: use the nextCursor of the previous page as it was given.";
            return false;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(json, _json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (payload is null || payload.Sort is null || payload.Filter is null || payload.Value is null)
        {
            return false;
        }

        if (payload.Sort != sort.WireName)
        {
            error = $"The cursor belongs to a list sorted by '{payload.Sort}', not '{sort.WireName}': keep the sort while paging, or start again without cursor.";
            return false;
        }

        if (payload.Filter != filterFingerprint)
        {
            error = "The cursor belongs to a search with other filters (q, segment, tag, stage, owner, country, strategic): keep them while paging, or start again without cursor.";
            return false;
        }

        if (!sort.IsTimestamp)
        {
            position = new SearchPosition(payload.Value, null, payload.Id);
            return true;
        }

        if (!DateTimeOffset.TryParseExact(payload.Value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return false;
        }

        position = new SearchPosition(null, at, payload.Id);
        return true;
    }

    /// <summary>12 bytes of SHA-256: enough that an edited cursor does not pass by chance, short enough for a URL.</summary>
    private static byte[] Checksum(byte[] json) => SHA256.HashData(json)[..12];
}
