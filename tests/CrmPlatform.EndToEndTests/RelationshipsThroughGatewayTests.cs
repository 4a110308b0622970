using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.EndToEndTests.Infrastructure;
using CrmPlatform.Tests.Shared;

namespace CrmPlatform.EndToEndTests;

/// <summary>
/// The interaction service through the gateway of a suite started by the AppHost: a customer made in
/// the customer service reaches the interaction service over RabbitMQ, and its story (registration,
/// stage, contacts, interactions, promises) is told by the timeline and relationship routes that the
/// gateway sends from the customer's URL space to the interaction service.
/// </summary>
[Collection(RunningSuiteCollection.Name)]
public sealed class RelationshipsThroughGatewayTests(RunningSuite suite)
{
    private readonly HttpClient _gateway = GatewayClient.Create(suite.Gateway.BaseAddress!);

    [Fact]
    public async Task A_customers_interactions_and_promises_make_its_timeline_and_relationship_through_the_gateway()
    {
        var created = await SendAsync(HttpMethod.Post, "/api/customers", $$"""{ "kind": "company", "legalName": "Transportes Rápidos SA", "country": "BR", "taxId": "{{ValidTaxIds.Cnpj()}}" }""");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var contact = await SendAsync(HttpMethod.Post, $"/api/customers/{id}/contacts", """{ "name": "Helena", "role": "decision_maker" }""");
        var contactId = (await contact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var etag = (await _gateway.GetAsync($"/api/customers/{id}")).Headers.ETag!.ToString();
        (await SendAsync(HttpMethod.Post, $"/api/customers/{id}/stage", """{ "stage": "prospect", "reason": "Asked for a visit" }""", etag)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The interaction service learns of the customer and its contact from the customer service's events.
        var visit = $$"""{ "customerId": "{{id}}", "type": "visit", "direction": "outbound", "occurredAt": "{{DateTimeOffset.UtcNow.AddHours(-3):O}}", "contactIds": ["{{contactId}}"], "subject": "Fleet renewal", "outcome": "positive" }""";
        var logged = await Eventually.GetAsync(() => SendAsync(HttpMethod.Post, "/api/interactions", visit), r => r.StatusCode != HttpStatusCode.UnprocessableEntity);
        logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync());
        var interactionId = (await logged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var promise = await SendAsync(HttpMethod.Post, "/api/commitments", $$"""{ "customerId": "{{id}}", "description": "Send the fleet proposal", "dueAt": "{{DateTimeOffset.UtcNow.AddDays(2):O}}", "interactionId": "{{interactionId}}" }""");
        promise.StatusCode.ShouldBe(HttpStatusCode.Created, await promise.Content.ReadAsStringAsync());
        var bad = await SendAsync(HttpMethod.Post, "/api/interactions", $$"""{ "customerId": "{{id}}", "type": "call", "direction": "outbound", "occurredAt": "2026-01-01T10:00:00Z", "endedAt": "2026-01-01T09:00:00Z", "subject": "x" }""");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var timeline = await Eventually.GetAsync(
            () => _gateway.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/timeline"),
            t => t.GetProperty("items").GetArrayLength() >= 4);
        timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString())
            .ShouldBe(["commitment_created", "stage_changed", "registered", "interaction"]);
        var relationship = await _gateway.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/relationship");
        relationship.GetProperty("decisionMakerReached").GetBoolean().ShouldBeTrue();
        relationship.GetProperty("lastContact").GetProperty("type").GetString().ShouldBe("visit");
        relationship.GetProperty("commitments").GetProperty("open").GetInt32().ShouldBe(1);
        (await _gateway.GetAsync($"/api/customers/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK); // the customer itself is still the customer service's
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string json, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _gateway.SendAsync(request);
    }
}
