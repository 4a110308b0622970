using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CrmPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// Access tokens for the in-process services, signed by a key made for this run. The services
/// validate them with their real JWT bearer handler; only where the signing key comes from differs
/// (<see cref="Configuration"/> stands in for the identity provider's discovery document, which the
/// identity service's own tests and the end-to-end tests cover).
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://tests.crmplatform.dev/";
    public const string AdminUser = "test.admin";

    private static readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "tests" };
    private static readonly ConcurrentDictionary<string, string> _issued = new();

    /// <summary>The provider metadata the services are given instead of fetching it.</summary>
    public static OpenIdConnectConfiguration Configuration()
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(_key);
        return configuration;
    }

    /// <summary>A token for <paramref name="user"/> with <paramref name="roles"/>; the same one for the same caller.</summary>
    public static string For(string user, params string[] roles) =>
        _issued.GetOrAdd(user + "|" + string.Join(',', roles), _ => Create(new Dictionary<string, object>
        {
            [CrmClaims.Subject] = user,
            [CrmClaims.Name] = user,
            [CrmClaims.Role] = roles,
        }, Issuer, CrmClaims.Audience, TimeSpan.FromHours(2)));

    /// <summary>A token for a department system (client credentials): <c>client_id</c> and no subject.</summary>
    public static string ForClient(string clientId, params string[] roles) =>
        Create(new Dictionary<string, object> { [CrmClaims.ClientId] = clientId, [CrmClaims.Role] = roles }, Issuer, CrmClaims.Audience, TimeSpan.FromHours(1));

    /// <summary>A token signed by our key but otherwise as given, to check that services refuse it.</summary>
    public static string Create(IDictionary<string, object> claims, string issuer, string audience, TimeSpan lifetime, DateTime? notBefore = null)
    {
        var from = notBefore ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = from,
            IssuedAt = from,
            Expires = from + lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token signed with a key the services do not know.</summary>
    public static string ForeignSigned(string user, params string[] roles) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = CrmClaims.Audience,
            Claims = new Dictionary<string, object> { [CrmClaims.Subject] = user, [CrmClaims.Role] = roles },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "tests" }, SecurityAlgorithms.RsaSha256),
        });

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public static void Authorize(this HttpRequestMessage request, string token) => request.Headers.Authorization = Bearer(token);
}
