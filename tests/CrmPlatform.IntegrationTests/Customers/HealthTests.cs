using System.Net;
using System.Net.Http.Json;
using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.Customers;

[Collection(SuiteCollection.Name)]
public sealed class HealthTests(Suite suite)
{
    [Fact]
    public async Task Every_service_reports_healthy_with_its_database_and_bus()
    {
        foreach (var client in new[] { suite.Customers.CreateClient(), suite.Interactions.CreateClient(), suite.ServiceDesk.CreateClient(), suite.Analytics.CreateClient() })
        {
            var response = await Eventually.GetAsync(() => client.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK);

            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            (await client.GetAsync("/alive")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Each_service_publishes_an_openapi_document()
    {
        var document = await suite.Customers.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");

        document.GetProperty("paths").TryGetProperty("/api/customers", out _).ShouldBeTrue();
    }
}
