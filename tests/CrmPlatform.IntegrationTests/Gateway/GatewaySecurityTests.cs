using System.Net;
using System.Text.RegularExpressions;

namespace CrmPlatform.IntegrationTests.Gateway;

/// <summary>CORS and the headers every gateway answer carries.</summary>
public sealed partial class GatewaySecurityTests
{
    private const string ListedOrigin = "https://app.crm.example";

    [Fact]
    public async Task A_preflight_from_a_listed_origin_is_answered_by_the_gateway()
    {
        await using var gateway = await GatewayHost.StartAsync(Origins);

        using var response = await gateway.Client.SendAsync(Preflight(ListedOrigin));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([ListedOrigin]);
        string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")).ShouldContain("PATCH");
        string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant().ShouldContain("IF-MATCH");
        gateway.Backend!.Paths.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_preflight_from_another_origin_is_not_allowed()
    {
        await using var gateway = await GatewayHost.StartAsync(Origins);

        using var response = await gateway.Client.SendAsync(Preflight("https://evil.example"));

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        gateway.Backend!.Paths.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cross_origin_answer_exposes_the_headers_clients_read()
    {
        await using var gateway = await GatewayHost.StartAsync(Origins);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/customers.json");
        request.Headers.Add("Origin", ListedOrigin);
        using var response = await gateway.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")).ToUpperInvariant();
        foreach (var header in new[] { "ETAG", "LOCATION", "RETRY-AFTER", "X-CORRELATION-ID", "IDEMPOTENT-REPLAYED" })
        {
            exposed.ShouldContain(header);
        }
    }

    [Fact]
    public async Task An_api_answer_carries_the_security_headers_and_no_server_header()
    {
        await using var gateway = await GatewayHost.StartAsync();

        using var response = await gateway.Client.GetAsync("/openapi/customers.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.GetValues("Content-Security-Policy").ShouldBe(["default-src 'none'; frame-ancestors 'none'"]);
        response.Headers.CacheControl?.NoStore.ShouldBeTrue();
        response.Headers.Contains("Server").ShouldBeFalse();
        // Plain HTTP: a Strict-Transport-Security header here would be ignored and misleading.
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task A_gateway_error_answer_carries_the_security_headers_too()
    {
        await using var gateway = await GatewayHost.StartAsync(backendDown: true);

        using var response = await gateway.Client.GetAsync("/openapi/customers.json");

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task The_api_reference_may_run_only_its_own_scripts_and_the_nonced_one()
    {
        await using var gateway = await GatewayHost.StartAsync();

        using var response = await gateway.Client.GetAsync("/docs/");

        var html = await response.Content.ReadAsStringAsync();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Nonce().Match(html);
        nonce.Success.ShouldBeTrue(html);
        policy.ShouldContain($"script-src 'self' 'nonce-{nonce.Groups[1].Value}'");
        policy.ShouldStartWith("default-src 'none'");
        policy.ShouldNotContain("unsafe-eval");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    private static Dictionary<string, string?> Origins => new() { ["Cors:AllowedOrigins:0"] = ListedOrigin };

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/customers/some-id");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");
        return request;
    }

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex Nonce();
}
