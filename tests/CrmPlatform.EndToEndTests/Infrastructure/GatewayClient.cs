using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmPlatform.EndToEndTests.Infrastructure;

/// <summary>
/// Clients of a running suite's gateway that call as a seeded user: the token comes from that suite's
/// identity service through the gateway (<c>/connect/token</c>, password grant of the <c>crm-web</c>
/// client), exactly as a frontend gets it. Each AppHost start has new signing keys, so tokens are kept
/// per gateway address.
/// </summary>
public static class GatewayClient
{
    /// <summary>The development password of every seeded user (src/Services/Identity/appsettings.json).</summary>
    public const string SeededPassword = "crm-dev-password";

    private static readonly ConcurrentDictionary<(Uri, string), Task<string>> _tokens = new();

    /// <summary>
    /// A client of <paramref name="gateway"/> (or of one service) calling as <paramref name="user"/>, with a token
    /// from <paramref name="identity"/> (by default through the gateway itself); redirects are not followed.
    /// </summary>
    public static HttpClient Create(Uri gateway, string user = "admin", Uri? identity = null) =>
        new(new Authorizing(identity ?? gateway, user) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false } })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static Task<string> TokenAsync(Uri gateway, string user) =>
        _tokens.GetOrAdd((gateway, user), key => RequestTokenAsync(key.Item1, key.Item2));

    private static async Task<string> RequestTokenAsync(Uri gateway, string user)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "crm-web",
            ["username"] = user,
            ["password"] = SeededPassword,
            ["scope"] = "crm-api",
        });
        var response = await http.PostAsync("/connect/token", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue($"token for {user}: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    private sealed class Authorizing(Uri issuer, string user) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await TokenAsync(issuer, user));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
