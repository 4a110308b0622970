using Microsoft.IdentityModel.JsonWebTokens;

namespace CrmPlatform.IntegrationTests.Identity;

public sealed class TokenLifetimeTests
{
    [Fact]
    public async Task The_access_token_lifetime_defaults_to_one_hour()
    {
        await using var identity = new IdentityFactory();

        var token = new JsonWebToken(await IdentityFactory.AccessTokenAsync(await identity.PasswordGrantAsync("admin", IdentityFactory.DevPassword)));

        (token.ValidTo - token.IssuedAt).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task The_access_token_lifetime_comes_from_configuration()
    {
        await using var identity = new IdentityFactory(("Identity:AccessTokenLifetime", "00:05:00"));

        var response = await identity.ClientCredentialsAsync("bench-client", "bench-dev-secret");
        var token = new JsonWebToken(await IdentityFactory.AccessTokenAsync(response));

        (token.ValidTo - token.IssuedAt).ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task The_issuer_comes_from_configuration()
    {
        await using var identity = new IdentityFactory(("Identity:Issuer", "http://login.example.test/"));

        var token = new JsonWebToken(await IdentityFactory.AccessTokenAsync(await identity.PasswordGrantAsync("admin", IdentityFactory.DevPassword)));

        token.Issuer.ShouldBe("http://login.example.test/");
    }
}
