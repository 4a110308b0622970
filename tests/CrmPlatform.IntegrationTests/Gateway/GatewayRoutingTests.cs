using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Model;

namespace CrmPlatform.IntegrationTests.Gateway;

/// <summary>Routes, the API reference and the answers for a service that is down or slow.</summary>
public sealed class GatewayRoutingTests
{
    [Theory]
    [InlineData("customers")]
    [InlineData("interactions")]
    [InlineData("service-desk")]
    [InlineData("analytics")]
    public async Task A_service_document_is_served_through_the_gateway_without_a_token(string service)
    {
        await using var gateway = await GatewayHost.StartAsync();

        using var response = await gateway.Client.GetAsync($"/openapi/{service}.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("info").GetProperty("title").GetString().ShouldBe(FakeBackend.DocumentTitle);
        gateway.Backend!.Paths.ShouldContain("/openapi/v1.json");
    }

    [Fact]
    public async Task The_api_reference_is_an_html_page_listing_every_service_document()
    {
        await using var gateway = await GatewayHost.StartAsync();

        using var response = await gateway.Client.GetAsync("/docs/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        // Scalar resolves these against the page's base path: /openapi/{service}.json on the gateway.
        foreach (var service in new[] { "customers", "interactions", "service-desk", "analytics" })
        {
            html.ShouldContain($"\"url\":\"openapi/{service}.json\"", Case.Sensitive, html);
        }

        using var script = await gateway.Client.GetAsync("/docs/scalar.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_token_endpoint_is_forwarded_to_the_identity_service_without_a_token()
    {
        await using var gateway = await GatewayHost.StartAsync();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });
        using var response = await gateway.Client.PostAsync("/connect/token", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        gateway.Backend!.Paths.ShouldContain("/connect/token");
    }

    [Fact]
    public async Task Identity_documents_and_api_references_skip_authorization_and_the_api_does_not()
    {
        await using var gateway = await GatewayHost.StartAsync();
        var endpoints = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        bool Anonymous(string routeId) => endpoints
            .Single(e => e.Metadata.GetMetadata<RouteModel>()?.Config.RouteId == routeId)
            .Metadata.GetMetadata<IAllowAnonymous>() is not null;

        foreach (var route in new[] { "identity-token", "identity", "identity-discovery", "openapi-customers", "openapi-analytics" })
        {
            Anonymous(route).ShouldBeTrue(route);
        }

        foreach (var route in new[] { "customers", "analytics", "customer-import", "rfm-recompute", "tickets" })
        {
            Anonymous(route).ShouldBeFalse(route);
        }

        var docs = endpoints.Where(e => (e as RouteEndpoint)?.RoutePattern.RawText?.StartsWith("/docs", StringComparison.Ordinal) == true).ToList();
        docs.ShouldNotBeEmpty();
        docs.ShouldAllBe(e => e.Metadata.GetMetadata<IAllowAnonymous>() != null);
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_is_a_502_problem()
    {
        await using var gateway = await GatewayHost.StartAsync(backendDown: true);

        using var response = await gateway.Client.GetAsync("/openapi/customers.json");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "bad-gateway");
    }

    [Fact]
    public async Task A_service_slower_than_its_cluster_timeout_is_a_504_problem()
    {
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:customers:HttpRequest:ActivityTimeout"] = "00:00:00.300",
        });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/customers.json");
        request.Headers.Add(FakeBackend.DelayHeader, "5000");
        using var response = await gateway.Client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.GatewayTimeout, "gateway-timeout");
    }
}
