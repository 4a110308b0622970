using System.Net;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CrmPlatform.IntegrationTests.Identity;

public sealed class TokenEndpointTests(IdentityFactory identity) : IClassFixture<IdentityFactory>
{
    public static TheoryData<string, string, string> SeededUsers => new()
    {
        { "admin", "Admin", CrmRoles.Admin },
        { "maria.manager", "Maria Manager", CrmRoles.SalesManager },
        { "ana.seller", "Ana Seller", CrmRoles.SalesRep },
        { "bruno.seller", "Bruno Seller", CrmRoles.SalesRep },
        { "sac.agent", "SAC Agent", CrmRoles.SupportAgent },
        { "iris.analyst", "Iris Analyst", CrmRoles.Analyst },
        { "carla.accounting", "Carla Accounting", CrmRoles.Accounting },
        { "luis.logistics", "Luis Logistics", CrmRoles.Logistics },
        { "mara.marketing", "Mara Marketing", CrmRoles.Marketing },
    };

    [Theory]
    [MemberData(nameof(SeededUsers))]
    public async Task A_seeded_user_gets_a_signed_jwt_for_the_crm_api_with_its_name_and_role(string userName, string name, string role)
    {
        var token = await IdentityFactory.AccessTokenAsync(await identity.PasswordGrantAsync(userName, IdentityFactory.DevPassword));

        var validated = await identity.ValidateAsync(token);
        validated.IsValid.ShouldBeTrue(validated.Exception?.Message);
        var jwt = new JsonWebToken(token);
        jwt.Issuer.ShouldBe(IdentityFactory.Issuer);
        jwt.Audiences.ShouldBe([CrmClaims.Audience]);
        jwt.Subject.ShouldBe(userName);
        jwt.GetClaim(CrmClaims.Name).Value.ShouldBe(name);
        jwt.Claims.Where(c => c.Type == CrmClaims.Role).Select(c => c.Value).ShouldBe([role]);
        jwt.GetClaim("scope").Value.ShouldBe(CrmClaims.ApiScope);
        jwt.GetClaim(CrmClaims.ClientId).Value.ShouldBe("crm-web");
    }

    [Fact]
    public void Every_role_has_a_seeded_user() =>
        SeededUsers.Select(row => (string)row[2]).Distinct().ShouldBe(CrmRoles.All, ignoreOrder: true);

    [Fact]
    public async Task A_department_system_gets_a_token_in_its_own_name_with_its_client_id_and_role()
    {
        var token = await IdentityFactory.AccessTokenAsync(await identity.ClientCredentialsAsync("logistics-system", "logistics-dev-secret"));

        (await identity.ValidateAsync(token)).IsValid.ShouldBeTrue();
        var jwt = new JsonWebToken(token);
        jwt.Subject.ShouldBe("logistics-system");
        jwt.GetClaim(CrmClaims.ClientId).Value.ShouldBe("logistics-system");
        jwt.Claims.Where(c => c.Type == CrmClaims.Role).Select(c => c.Value).ShouldBe([CrmRoles.Logistics]);
        jwt.Audiences.ShouldBe([CrmClaims.Audience]);
    }

    [Fact]
    public async Task A_client_may_authenticate_with_http_basic()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, IdentityFactory.TokenPath)
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("bench-client:bench-dev-secret"u8));

        var token = await IdentityFactory.AccessTokenAsync(await identity.CreateClient().SendAsync(request));

        new JsonWebToken(token).Claims.Where(c => c.Type == CrmClaims.Role).Select(c => c.Value).ShouldBe([CrmRoles.Admin]);
    }

    [Fact]
    public async Task A_wrong_password_is_invalid_grant()
    {
        var error = await IdentityFactory.ErrorAsync(await identity.PasswordGrantAsync("ana.seller", "not-the-password"));

        error.ShouldBe((400, "invalid_grant"));
    }

    [Fact]
    public async Task An_unknown_user_is_refused_exactly_like_a_wrong_password()
    {
        var error = await IdentityFactory.ErrorAsync(await identity.PasswordGrantAsync("nobody", IdentityFactory.DevPassword));

        error.ShouldBe((400, "invalid_grant"));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_invalid_client()
    {
        var response = await identity.ClientCredentialsAsync("accounting-system", "not-the-secret");

        (await IdentityFactory.ErrorAsync(response)).ShouldBe((401, "invalid_client"));
    }

    [Fact]
    public async Task An_unknown_client_is_invalid_client()
    {
        var response = await identity.ClientCredentialsAsync("intruder", "whatever");

        (await IdentityFactory.ErrorAsync(response)).ShouldBe((401, "invalid_client"));
    }

    [Fact]
    public async Task The_public_web_client_may_not_use_client_credentials()
    {
        var response = await identity.RequestTokenAsync(("grant_type", "client_credentials"), ("client_id", "crm-web"));

        (await IdentityFactory.ErrorAsync(response)).ShouldBe((400, "unauthorized_client"));
    }

    [Fact]
    public async Task A_department_system_may_not_sign_users_in()
    {
        var response = await identity.RequestTokenAsync(
            ("grant_type", "password"), ("client_id", "logistics-system"), ("client_secret", "logistics-dev-secret"),
            ("username", "ana.seller"), ("password", IdentityFactory.DevPassword));

        (await IdentityFactory.ErrorAsync(response)).ShouldBe((400, "unauthorized_client"));
    }

    [Fact]
    public async Task The_password_grant_needs_a_client_id()
    {
        var response = await identity.RequestTokenAsync(
            ("grant_type", "password"), ("username", "ana.seller"), ("password", IdentityFactory.DevPassword));

        var (status, _) = await IdentityFactory.ErrorAsync(response);
        status.ShouldBeInRange(400, 401);
    }

    [Fact]
    public async Task An_unsupported_grant_is_refused_not_failed()
    {
        var response = await identity.RequestTokenAsync(("grant_type", "authorization_code"), ("client_id", "crm-web"), ("code", "x"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await IdentityFactory.ErrorAsync(response)).Error.ShouldBe("unsupported_grant_type");
    }

    [Fact]
    public async Task Discovery_publishes_the_token_endpoint_and_the_signing_keys()
    {
        var http = identity.CreateClient();
        var discovery = Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration.Create(
            await http.GetStringAsync("/.well-known/openid-configuration"));

        discovery.Issuer.ShouldBe(IdentityFactory.Issuer);
        new Uri(discovery.TokenEndpoint).AbsolutePath.ShouldBe(IdentityFactory.TokenPath);
        discovery.GrantTypesSupported.ShouldBe(["password", "client_credentials"], ignoreOrder: true);
        var keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await http.GetStringAsync(new Uri(discovery.JwksUri).PathAndQuery));
        keys.GetSigningKeys().ShouldNotBeEmpty();
    }
}
