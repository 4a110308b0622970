using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.ServiceDefaults.Idempotency;
using CrmPlatform.ServiceDefaults.Security;
using StackExchange.Redis;

namespace CrmPlatform.IntegrationTests.Idempotency;

/// <summary>
/// A POST with an explicit <c>Idempotency-Key</c> on whichever client the test made, so the tests keep
/// working when clients carry credentials by default.
/// </summary>
public static class KeyedRequest
{
    public static string NewKey() => "test-" + Guid.NewGuid().ToString("N");

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body, string? key, string? caller = null) =>
        PostJsonAsync(http, path, JsonSerializer.Serialize(body), key, caller);

    /// <summary>Posts as the client's default caller, or as <paramref name="caller"/> (an admin) when given.</summary>
    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, string json, string? key, string? caller = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, key);
        }

        if (caller is not null)
        {
            request.Authorize(TestTokens.For(caller, CrmRoles.Admin));
        }

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
