using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.IntegrationTests.Interactions;

namespace CrmPlatform.IntegrationTests.Security;

/// <summary>The OpenAPI documents show working request examples and the problem shape of every error answer.</summary>
[Collection(SuiteCollection.Name)]
public sealed class ApiDocumentTests(Suite suite)
{
    [Fact]
    public async Task Every_problem_answer_in_every_document_has_an_example_with_a_stable_type()
    {
        var missing = new List<string>();
        foreach (var client in new[] { suite.Customers.CreateClient(), suite.Interactions.CreateClient(), suite.ServiceDesk.CreateClient(), suite.Analytics.CreateClient() })
        {
            var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject())
                {
                    foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                    {
                        if (response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var problem)
                            && !(problem.TryGetProperty("example", out var example) && example.GetProperty("type").GetString()!.StartsWith("https://crmplatform.dev/problems/", StringComparison.Ordinal)))
                        {
                            missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name} {response.Name}");
                        }
                    }
                }
            }
        }

        missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_registration_and_interaction_examples_are_requests_the_services_accept()
    {
        var customers = suite.Customers.CreateClient();
        var registration = (JsonObject)ExampleOf(await customers.GetFromJsonAsync<JsonElement>("/openapi/v1.json"), "/api/customers", "post");
        registration["taxId"] = TestData.UniqueTaxId(); // the example's own CNPJ may already be registered

        var registered = await customers.PostAsync("/api/customers", Json(registration));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());

        var (customerId, _) = await new RelationsClient(suite).KnownCustomerAsync();
        var interactions = suite.Interactions.CreateClient();
        var interaction = (JsonObject)ExampleOf(await interactions.GetFromJsonAsync<JsonElement>("/openapi/v1.json"), "/api/interactions", "post");
        interaction["customerId"] = customerId.ToString();

        var logged = await interactions.PostAsync("/api/interactions", Json(interaction));
        logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync());
    }

    private static JsonNode ExampleOf(JsonElement document, string path, string method) =>
        JsonNode.Parse(document.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText())!;

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
