using System.Net;
using System.Security.Claims;
using CrmPlatform.Gateway.Limits;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.UnitTests.Gateway;

public sealed class RateLimitPartitionTests
{
    [Fact]
    public void An_authenticated_caller_counts_as_its_subject_wherever_it_calls_from() =>
        RateLimiting.CallerKey(Request(new Claim("sub", "u-1"), new Claim("client_id", "web"))).ShouldBe("sub:u-1");

    [Fact]
    public void A_subject_mapped_to_name_identifier_by_the_jwt_handler_still_counts() =>
        RateLimiting.CallerKey(Request(new Claim(ClaimTypes.NameIdentifier, "u-1"))).ShouldBe("sub:u-1");

    [Fact]
    public void A_token_without_subject_counts_as_its_client() =>
        RateLimiting.CallerKey(Request(new Claim("client_id", "importer"))).ShouldBe("client:importer");

    [Fact]
    public void An_anonymous_caller_counts_as_its_address() =>
        RateLimiting.CallerKey(Request()).ShouldBe("ip:203.0.113.7");

    [Fact]
    public void Claims_of_an_unauthenticated_identity_are_not_trusted()
    {
        var context = Request();
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u-1")]));

        RateLimiting.CallerKey(context).ShouldBe("ip:203.0.113.7");
    }

    private static DefaultHttpContext Request(params Claim[] claims)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        if (claims.Length > 0)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer"));
        }

        return context;
    }
}
