using System.Net.Http.Headers;
using System.Text.Json;

namespace CrmPlatform.ApiBench;

/// <summary>
/// Every route needs a bearer token (docs/identity.md): the seeded <c>bench-client</c> (client credentials, role admin)
/// asks once, through the gateway's <c>/connect/token</c> (limited to 20 a minute per address, so once is the rule), and
/// the token rides on every request of the run. It lasts an hour; the suite's signing keys are new at each start, so a
/// run fetches its own.
/// </summary>
public static class BenchToken
{
    public const string ClientId = "bench-client";
    public const string ClientSecret = "bench-dev-secret";

    public static async Task<string> FetchAsync(HttpClient http)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["scope"] = "crm-api",
        });
        using var response = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /connect/token answered {(int)response.StatusCode}: {body}");
        }

        using var answer = JsonDocument.Parse(body);
        return answer.RootElement.GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException($"POST /connect/token gave no access_token: {body}");
    }

    /// <summary>Fetches the token and sets it as the client's default Authorization header.</summary>
    public static async Task AuthorizeAsync(HttpClient http)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await FetchAsync(http));
    }
}
