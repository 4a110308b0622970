using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.EndToEndTests.Infrastructure;
using CrmPlatform.Tests.Shared;

namespace CrmPlatform.EndToEndTests;

/// <summary>The foundation's promise, through the gateway of a suite started by the AppHost.</summary>
[Collection(RunningSuiteCollection.Name)]
public sealed class WalkingSkeletonTests(RunningSuite suite)
{
    [Fact]
    public async Task A_customer_registered_through_the_gateway_is_stored_published_and_counted_by_analytics()
    {
        var before = await SummaryCountAsync();
        var taxId = ValidTaxIds.Cnpj();

        var created = await suite.Gateway.PostAsJsonAsync("/api/customers", new { kind = "company", legalName = "Transportes Rápidos Ltda", country = "BR", taxId });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var read = await suite.Gateway.GetFromJsonAsync<JsonElement>($"/api/customers/{id}");
        read.GetProperty("taxId").GetString().ShouldBe(taxId);

        var count = await Eventually.GetAsync(SummaryCountAsync, count => count == before + 1, TimeSpan.FromSeconds(30));

        count.ShouldBe(before + 1);
    }

    [Fact]
    public async Task Invalid_input_through_the_gateway_gets_problem_details_never_a_500()
    {
        var invalid = await suite.Gateway.PostAsJsonAsync("/api/customers", new { kind = "company", country = "ZZ" });
        var malformed = await suite.Gateway.PostAsync("/api/customers", new StringContent("{\"kind\":", Encoding.UTF8, "application/json"));

        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(invalid)).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["legalName", "country", "taxId"], ignoreOrder: true);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(malformed)).GetProperty("status").GetInt32().ShouldBe(400);
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/customers/not-a-guid")]
    [InlineData("/api/tickets/0196d0a1-0000-7000-8000-000000000000")]
    public async Task An_unknown_route_is_a_404_problem_from_the_gateway_or_the_service(string path)
    {
        var response = await suite.Gateway.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(response)).GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task The_gateway_forwards_the_callers_correlation_id_to_the_service()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/customers/not-a-guid");
        request.Headers.Add("X-Correlation-Id", "e2e-correlation-7");

        var response = await suite.Gateway.SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["e2e-correlation-7"]);
        // The problem body is written by the customers service, so it saw the forwarded id.
        (await ProblemAsync(response)).GetProperty("correlationId").GetString().ShouldBe("e2e-correlation-7");
    }

    [Fact]
    public async Task The_dashboard_shows_every_resource_running_and_healthy_with_its_log()
    {
        var resources = await suite.ResourcesAsync();

        resources.Select(r => r.GetProperty("name").GetString()).ShouldBe(
        [
            ResourceNames.Postgres, ResourceNames.CustomersDb, ResourceNames.InteractionsDb, ResourceNames.ServiceDeskDb,
            ResourceNames.AnalyticsDb, ResourceNames.RabbitMq, ResourceNames.Redis, ResourceNames.Customers,
            ResourceNames.Interactions, ResourceNames.ServiceDesk, ResourceNames.Analytics, ResourceNames.Gateway,
            ResourceNames.Identity,
        ], ignoreOrder: true);
        foreach (var resource in resources)
        {
            resource.GetProperty("state").GetString().ShouldBe("Running", resource.ToString());
            resource.GetProperty("health").GetString().ShouldBe("Healthy", resource.ToString());
        }

        var log = await suite.Dashboard.GetStringAsync($"/api/resources/{ResourceNames.Customers}/logs");
        log.ShouldContain("migration", Case.Insensitive);
        (await suite.Dashboard.GetStringAsync("/")).ShouldContain("<table", Case.Insensitive);
    }

    private async Task<int> SummaryCountAsync() =>
        (await suite.Gateway.GetFromJsonAsync<JsonElement>("/api/analytics/summary")).GetProperty("customerCount").GetInt32();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
