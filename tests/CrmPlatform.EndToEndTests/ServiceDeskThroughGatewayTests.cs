using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.EndToEndTests.Infrastructure;
using CrmPlatform.Tests.Shared;

namespace CrmPlatform.EndToEndTests;

/// <summary>
/// The service desk through the gateway of a suite started by the AppHost: a calendar and a policy
/// are set up, a customer's complaint is opened with its SLA, answered, resolved and rated, and the
/// ticket reaches the customer's timeline in the interaction service over RabbitMQ.
/// </summary>
[Collection(RunningSuiteCollection.Name)]
public sealed class ServiceDeskThroughGatewayTests(RunningSuite suite)
{
    private readonly HttpClient _gateway = GatewayClient.Create(suite.Gateway.BaseAddress!);

    [Fact]
    public async Task A_complaint_is_opened_with_its_sla_answered_resolved_rated_and_shown_on_the_timeline()
    {
        var segment = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var calendar = await SendAsync(HttpMethod.Post, "/api/business-calendars",
            $$"""{ "name": "SAC {{segment}}", "timeZone": "America/Sao_Paulo", "hours": { "monday": [{ "start": "00:00", "end": "24:00" }], "tuesday": [{ "start": "00:00", "end": "24:00" }], "wednesday": [{ "start": "00:00", "end": "24:00" }], "thursday": [{ "start": "00:00", "end": "24:00" }], "friday": [{ "start": "00:00", "end": "24:00" }], "saturday": [{ "start": "00:00", "end": "24:00" }], "sunday": [{ "start": "00:00", "end": "24:00" }] } }""");
        calendar.StatusCode.ShouldBe(HttpStatusCode.Created, await calendar.Content.ReadAsStringAsync());
        var calendarId = (await calendar.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var policy = await SendAsync(HttpMethod.Post, "/api/sla-policies",
            $$"""{ "name": "SLA {{segment}}", "calendarId": "{{calendarId}}", "appliesTo": { "segment": "{{segment}}" }, "targets": { "urgent": { "firstResponseMinutes": 15, "resolutionMinutes": 120 }, "high": { "firstResponseMinutes": 30, "resolutionMinutes": 240 }, "normal": { "firstResponseMinutes": 60, "resolutionMinutes": 480 }, "low": { "firstResponseMinutes": 240, "resolutionMinutes": 1440 } } }""");
        policy.StatusCode.ShouldBe(HttpStatusCode.Created, await policy.Content.ReadAsStringAsync());
        var customer = await SendAsync(HttpMethod.Post, "/api/customers", $$"""{ "kind": "company", "legalName": "Loja Bela Vista Ltda", "country": "BR", "taxId": "{{ValidTaxIds.Cnpj()}}", "segments": ["{{segment}}"] }""");
        var customerId = (await customer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var complaint = $$"""{ "customerId": "{{customerId}}", "type": "complaint", "channel": "consumer_agency", "priority": "high", "subject": "Refund not received", "description": "Filed at Procon." }""";
        var opened = await Eventually.GetAsync(() => SendAsync(HttpMethod.Post, "/api/tickets", complaint), r => r.StatusCode != HttpStatusCode.UnprocessableEntity);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var ticket = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var path = opened.Headers.Location!.ToString();
        var openedAt = ticket.GetProperty("openedAt").GetDateTimeOffset();
        ticket.GetProperty("sla").GetProperty("firstResponse").GetProperty("dueAt").GetDateTimeOffset().ShouldBe(openedAt.AddMinutes(30));

        (await SendAsync(HttpMethod.Post, path + "/messages", """{ "kind": "reply", "body": "We are checking the refund with the bank." }""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await SendAsync(HttpMethod.Post, path + "/status", """{ "status": "resolved", "reason": "Refund sent" }""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rated = await SendAsync(HttpMethod.Post, path + "/satisfaction", """{ "rating": 7 }""");
        rated.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        rated.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await SendAsync(HttpMethod.Post, path + "/satisfaction", """{ "rating": 4 }""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SendAsync(HttpMethod.Post, "/api/surveys/nps", $$"""{ "customerId": "{{customerId}}", "score": 9 }""")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var timeline = await Eventually.GetAsync(
            () => _gateway.GetFromJsonAsync<JsonElement>($"/api/customers/{customerId}/timeline?kind=ticket_opened&kind=ticket_resolved"),
            t => t.GetProperty("items").GetArrayLength() == 2);
        timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ShouldBe(["ticket_resolved", "ticket_opened"]);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _gateway.SendAsync(request);
    }
}
