using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmPlatform.ServiceDefaults.Idempotency;
using StackExchange.Redis;

namespace CrmPlatform.IntegrationTests.Idempotency;

/// <summary>
/// A POST with an explicit <c>Idempotency-Key</c> on whichever client the test made, so the tests keep
/// working when clients carry credentials by default.
/// </summary>
public static class KeyedRequest
{
    public static string NewKey() => "test-" + Guid.NewGuid().ToString("N");

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body, string? key) =>
        PostJsonAsync(http, path, JsonSerializer.Serialize(body), key);

    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, string json, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, key);
        }

        request.Headers.Add("X-Crm-User", "idem.tester");
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public static bool IsReplay(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IdempotencyKeys.ReplayedHeader, out var values) && values.Single() == "true";

    /// <summary>The Redis key that holds <paramref name="key"/> (found by its readable end, whoever the caller was).</summary>
    public static async Task<RedisKey> StoredKeyAsync(IConnectionMultiplexer redis, string key)
    {
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var found = new List<RedisKey>();
        await foreach (var stored in server.KeysAsync(pattern: $"{IdempotencyKeys.StoragePrefix}*:{key}"))
        {
            found.Add(stored);
        }

        return found.ShouldHaveSingleItem();
    }
}
