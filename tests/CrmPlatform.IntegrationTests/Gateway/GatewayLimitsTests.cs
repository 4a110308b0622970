using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace CrmPlatform.IntegrationTests.Gateway;

/// <summary>Rate limits per caller and request body sizes, with tiny limits set through configuration.</summary>
public sealed class GatewayLimitsTests
{
    [Fact]
    public async Task A_caller_over_its_rate_gets_a_429_problem_with_retry_after_while_another_caller_is_served()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Api:TokenLimit"] = "2",
            ["RateLimits:Api:TokensPerPeriod"] = "1",
            ["RateLimits:Api:ReplenishmentPeriod"] = "00:01:00",
        });

        for (var i = 0; i < 2; i++)
        {
            using var served = await gateway.Client.GetAsUserAsync("/api/customers/some-id", "alice");
            served.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await gateway.Client.GetAsUserAsync("/api/customers/some-id", "alice");
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        RetryAfterSeconds(refused).ShouldBeGreaterThanOrEqualTo(1);

        using var other = await gateway.Client.GetAsUserAsync("/api/customers/some-id", "bob");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_token_endpoint_is_limited_per_address()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Token:PermitLimit"] = "2",
            ["RateLimits:Token:Window"] = "01:00:00",
        });

        for (var i = 0; i < 2; i++)
        {
            using var served = await PostTokenAsync(gateway.Client);
            served.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await PostTokenAsync(gateway.Client);
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        RetryAfterSeconds(refused).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task An_expensive_route_has_its_own_smaller_budget()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Expensive:PermitLimit"] = "1",
            ["RateLimits:Expensive:Window"] = "01:00:00",
        });

        using (var first = await gateway.Client.GetAsUserAsync("/api/customers/export", "alice"))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await gateway.Client.GetAsUserAsync("/api/customers/export", "alice");
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");

        using var ordinary = await gateway.Client.GetAsUserAsync("/api/customers/some-id", "alice");
        ordinary.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_over_the_default_limit_is_a_413_problem()
    {
        await using var gateway = await GatewayHost.StartAsync(SmallBodies);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers") { Content = Body(2048, chunked: false) }.WithToken("alice");
        using var response = await gateway.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too-large");
        gateway.Backend!.Paths.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_streamed_body_that_grows_over_the_limit_is_a_413_problem()
    {
        await using var gateway = await GatewayHost.StartAsync(SmallBodies);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers") { Content = Body(64 * 1024, chunked: true) }.WithToken("alice");
        using var response = await gateway.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too-large");
    }

    [Theory]
    [InlineData("/api/customers/imports")]
    [InlineData("/api/analytics/purchases/history")]
    public async Task An_upload_route_takes_a_body_over_the_default_limit(string path)
    {
        await using var gateway = await GatewayHost.StartAsync(SmallBodies);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Body(4096, chunked: true) }.WithToken("alice");
        using var response = await gateway.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"bytes\":4096");
    }

    private static Dictionary<string, string?> SmallBodies => new()
    {
        ["Limits:MaxRequestBodyBytes"] = "1024",
        ["Limits:CustomerImportMaxBytes"] = "8192",
        ["Limits:PurchaseHistoryMaxBytes"] = "8192",
    };

    private static HttpContent Body(int bytes, bool chunked)
    {
        var data = new byte[bytes];
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(data)) : new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static async Task<HttpResponseMessage> PostTokenAsync(HttpClient client)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "x", ["password"] = "guess" });
        return await client.PostAsync("/connect/token", form);
    }

    private static int RetryAfterSeconds(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);

    /// <summary>A body whose length HttpClient cannot know, so it is sent chunked and only Kestrel's count can stop it.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
