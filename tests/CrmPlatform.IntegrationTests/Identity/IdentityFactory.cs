using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Identity.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CrmPlatform.IntegrationTests.Identity;

/// <summary>
/// The identity service in-process. It needs no server, so it stays out of the shared suite and its
/// tests run in a second or two. Runs as Production, with the users and clients of its appsettings.json.
/// </summary>
public sealed class IdentityFactory : WebApplicationFactory<IdentitySettings>
{
    private readonly (string Key, string Value)[] settings;

    public const string TokenPath = "/connect/token";
    public const string Issuer = "http://identity/";
    public const string DevPassword = "crm-dev-password";

    /// <summary>With the configuration as shipped (xUnit allows a class fixture one public constructor).</summary>
    public IdentityFactory() => settings = [];

    /// <summary>With single configuration keys overridden, e.g. the token lifetime.</summary>
    internal IdentityFactory(params (string Key, string Value)[] settings) => this.settings = settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Posts a form to the token endpoint, as any OAuth client does.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(field => KeyValuePair.Create(field.Name, field.Value)));
        return await CreateClient().PostAsync(TokenPath, content);
    }

    public Task<HttpResponseMessage> PasswordGrantAsync(string userName, string password, string clientId = "crm-web") =>
        RequestTokenAsync(("grant_type", "password"), ("client_id", clientId), ("username", userName), ("password", password), ("scope", "crm-api"));

    public Task<HttpResponseMessage> ClientCredentialsAsync(string clientId, string secret) =>
        RequestTokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret));

    /// <summary>The access token of a successful answer, checked to be a bearer token.</summary>
    public static async Task<string> AccessTokenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("token_type").GetString().ShouldBe("Bearer");
        return json.RootElement.GetProperty("access_token").GetString().ShouldNotBeNull();
    }

    /// <summary>
    /// Validates <paramref name="token"/> the way an API does: issuer and audience, and the signature
    /// against the keys of the JWKS the discovery document points to.
    /// </summary>
    public async Task<TokenValidationResult> ValidateAsync(string token)
    {
        var http = CreateClient();
        var discovery = OpenIdConnectConfiguration.Create(await http.GetStringAsync("/.well-known/openid-configuration"));
        discovery.Issuer.ShouldBe(Issuer);

        // The JWKS address names the host the request came through; the test server answers on any.
        var keys = new JsonWebKeySet(await http.GetStringAsync(new Uri(discovery.JwksUri).PathAndQuery));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = "crm-api",
            IssuerSigningKeys = keys.GetSigningKeys(),
            RequireSignedTokens = true,
        });
    }

    /// <summary>The OAuth error of a refused request (RFC 6749 §5.2), with its status.</summary>
    public static async Task<(int Status, string Error)> ErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json", body);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldNotBeNull();
        return ((int)response.StatusCode, error);
    }
}
