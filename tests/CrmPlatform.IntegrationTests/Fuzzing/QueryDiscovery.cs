using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// What the OpenAPI documents do not say about lists, learnt from the service itself: the query
/// parameters (our handlers read the query by hand, and name every parameter they take in the 422
/// for an unknown one), and real cursors to forge, so a cursor that passes its checksum and its
/// sort and filter checks but carries a bad position reaches the handler.
/// </summary>
public static class QueryDiscovery
{
    private const string Probe = "fuzzProbe";
    private const string UnknownParameterPrefix = "Unknown parameter: use ";

    public static async Task<IReadOnlyList<string>> ParametersAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri($"{path}?{Probe}=1", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
        {
            return [];
        }

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!problem.TryGetProperty("errors", out var errors) || !errors.TryGetProperty(Probe, out var messages))
        {
            return [];
        }

        var message = messages.EnumerateArray().Select(m => m.GetString() ?? "").FirstOrDefault(m => m.StartsWith(UnknownParameterPrefix, StringComparison.Ordinal));
        return message is null ? [] : [.. message[UnknownParameterPrefix.Length..].TrimEnd('.').Split(", ")];
    }

    public static async Task<IReadOnlyList<(string Name, string Value)>> ForgedCursorsAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri($"{path}?limit=1", UriKind.Relative));
        if (!response.IsSuccessStatusCode
            || await response.Content.ReadFromJsonAsync<JsonElement>() is not { ValueKind: JsonValueKind.Object } page
            || !page.TryGetProperty("nextCursor", out var next) || next.GetString() is not { } cursor)
        {
            return [];
        }

        // Only lists that page with PageCursor can be forged; others' cursors get the generic bad cursors only.
        if (cursor.Split('.') is not [var encoded, _] || !Base64Url.IsValid(encoded))
        {
            return [];
        }

        var payload = JsonSerializer.Deserialize<JsonElement>(Base64Url.DecodeFromChars(encoded));
        var sort = payload.GetProperty("sort").GetString()!;
        var filter = payload.GetProperty("filter").GetString()!;
        var id = payload.GetProperty("id").GetGuid();
        string[] positions = ["garbage", "", "-1", "1e309", "99999999999999999999999999999", "9999-12-31T23:59:59.9999999+14:00", "0001-01-01T00:00:00-14:00", "NaN", "\0"];
        return
        [
            .. positions.Select((value, i) => ($"forged-cursor-position-{i}", PageCursor.Encode(sort, filter, value, id))),
            ("forged-cursor-empty-id", PageCursor.Encode(sort, filter, payload.GetProperty("value").GetString()!, Guid.Empty)),
        ];
    }
}
