using System.Security.Claims;
using CrmPlatform.ServiceDefaults.Idempotency;

namespace CrmPlatform.UnitTests.ServiceDefaults.Idempotency;

public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0b9f6c1e-6d3c-4f7e-9f1a-2b6c8d0e4f13")]
    [InlineData("order:42/retry#1!~")]
    public void Visible_ascii_keys_are_valid(string key) =>
        IdempotencyKeys.IsValid(key).ShouldBeTrue();

    [Fact]
    public void A_key_of_255_characters_is_valid_and_one_of_256_is_not()
    {
        IdempotencyKeys.IsValid(new string('k', 255)).ShouldBeTrue();
        IdempotencyKeys.IsValid(new string('k', 256)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("tab\there")]
    [InlineData("chave-é")]
    [InlineData("line\nbreak")]
    [InlineData("\u007f")]
    public void Empty_spaced_control_or_non_ascii_keys_are_invalid(string? key) =>
        IdempotencyKeys.IsValid(key).ShouldBeFalse();

    [Fact]
    public void The_storage_key_names_the_service_and_ends_with_the_key_but_hides_caller_and_path()
    {
        var stored = IdempotencyKeys.StorageKey("CrmPlatform.Customers", "sub:ana", "/api/customers", "k-1");

        stored.ShouldStartWith("idempotency:CrmPlatform.Customers:");
        stored.ShouldEndWith(":k-1");
        stored.ShouldNotContain("ana");
        stored.ShouldNotContain("/api");
    }

    [Fact]
    public void Keys_are_scoped_by_caller_and_path()
    {
        var key = IdempotencyKeys.StorageKey("svc", "sub:ana", "/api/customers", "k");

        IdempotencyKeys.StorageKey("svc", "sub:ana", "/api/customers", "k").ShouldBe(key);
        IdempotencyKeys.StorageKey("svc", "sub:bia", "/api/customers", "k").ShouldNotBe(key);
        IdempotencyKeys.StorageKey("svc", "sub:ana", "/api/tickets", "k").ShouldNotBe(key);
        IdempotencyKeys.StorageKey("other", "sub:ana", "/api/customers", "k").ShouldNotBe(key);
        // The fields are length-prefixed: moving a character across the boundary is another scope.
        IdempotencyKeys.StorageKey("svc", "sub:an", "a/api/customers", "k").ShouldNotBe(key);
    }

    [Fact]
    public void The_caller_is_the_subject_else_the_client_else_anonymous()
    {
        IdempotencyKeys.CallerOf(Principal(("sub", "ana"), ("client_id", "portal"))).ShouldBe("sub:ana");
        IdempotencyKeys.CallerOf(Principal(("client_id", "portal"))).ShouldBe("client:portal");
        IdempotencyKeys.CallerOf(Principal((ClaimTypes.NameIdentifier, "ana"))).ShouldBe("sub:ana");
        IdempotencyKeys.CallerOf(new ClaimsPrincipal(new ClaimsIdentity())).ShouldBe("anonymous");
        IdempotencyKeys.CallerOf(null).ShouldBe("anonymous");
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(202, true)]
    [InlineData(204, true)]
    [InlineData(400, true)]
    [InlineData(404, true)]
    [InlineData(422, true)]
    [InlineData(302, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(408, false)]
    [InlineData(409, false)]
    [InlineData(425, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void Successes_and_final_client_errors_are_kept_transient_and_server_errors_are_not(int status, bool kept) =>
        IdempotencyKeys.IsKept(status).ShouldBe(kept);

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), authenticationType: "Bearer"));
}
