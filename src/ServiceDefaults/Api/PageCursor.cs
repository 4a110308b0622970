using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// The opaque <c>cursor</c> of every list: base64url of a small JSON object (the sort, the list's
/// filter fingerprint, the last row's sort value and id), a dot, and a checksum of that JSON. The
/// checksum catches a cursor that was cut or edited; it is no signature, and needs none: a cursor only
/// says where to resume, the filter is applied again on every page, so a forged one shows nothing a
/// query could not.
/// </summary>
public static class PageCursor
{
    public const int MaxLength = 1000;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    private sealed record Payload(string Sort, string Filter, string Value, Guid Id);

    public static string Encode(string sort, string filterFingerprint, string lastValue, Guid lastId)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Payload(sort, filterFingerprint, lastValue, lastId), _json);
        return Base64Url.EncodeToString(json) + "." + Base64Url.EncodeToString(Checksum(json));
    }

    /// <summary>The cursor after a row of a list sorted by a time and then id.</summary>
    public static string Encode(string sort, string filterFingerprint, DateTimeOffset lastAt, Guid lastId) =>
        Encode(sort, filterFingerprint, Times.ToCursor(lastAt), lastId);

    /// <summary>The last row's sort value and id to resume after, or the reason (for a 422 naming <c>cursor</c>) this cursor cannot be used.</summary>
    public static bool TryDecode(string cursor, string sort, string filterFingerprint, out (string Value, Guid Id) last, out string error)
    {
        last = default;
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

        if (payload.Sort != sort)
        {
            error = $"The cursor belongs to a list sorted by '{payload.Sort}', not '{sort}': keep the sort while paging, or start again without cursor.";
            return false;
        }

        if (payload.Filter != filterFingerprint)
        {
            error = "The cursor belongs to a list with other filters: keep every filter while paging, or start again without cursor.";
            return false;
        }

        last = (payload.Value, payload.Id);
        return true;
    }

    /// <summary>12 bytes of SHA-256: enough that an edited cursor does not pass by chance, short enough for a URL.</summary>
    private static byte[] Checksum(byte[] json) => SHA256.HashData(json)[..12];
}
