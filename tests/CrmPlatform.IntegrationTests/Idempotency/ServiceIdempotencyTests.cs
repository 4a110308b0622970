using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.IntegrationTests.Interactions;
using CrmPlatform.IntegrationTests.ServiceDesk;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Idempotency;

/// <summary>The services that gained Redis for it dedupe their creating POSTs too.</summary>
[Collection(SuiteCollection.Name)]
public sealed class ServiceIdempotencyTests(Suite suite)
{
    [Fact]
    public async Task Opening_a_ticket_twice_with_one_key_opens_one_ticket()
    {
        var desk = new DeskClient(suite);
        var (customerId, _) = await desk.CustomerAsync();
        var body = new { customerId, type = "complaint", channel = "phone", subject = "Late delivery", description = "Order 1234 is a week late." };
        var key = KeyedRequest.NewKey();

        var first = await KeyedRequest.PostAsync(desk.Http, "/api/tickets", body, key);
        var again = await KeyedRequest.PostAsync(desk.Http, "/api/tickets", body, key);

        first.IsSuccessStatusCode.ShouldBeTrue(await first.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(first.StatusCode);
        KeyedRequest.IsReplay(again).ShouldBeTrue();
        again.Headers.Location.ShouldBe(first.Headers.Location);
        IdOf(await again.Content.ReadAsStringAsync()).ShouldBe(IdOf(await first.Content.ReadAsStringAsync()));
        (await suite.ServiceDesk.QueryAsync(db => db.Tickets.CountAsync(t => t.CustomerId == customerId))).ShouldBe(1);
    }

    [Fact]
    public async Task Logging_an_interaction_twice_with_one_key_logs_it_once()
    {
        var relations = new RelationsClient(suite);
        var (customerId, _) = await relations.KnownCustomerAsync();
        var body = new { customerId, type = "call", direction = "outbound", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-30), subject = "Follow-up on the proposal" };
        var key = KeyedRequest.NewKey();

        var first = await KeyedRequest.PostAsync(relations.Http, "/api/interactions", body, key);
        var again = await KeyedRequest.PostAsync(relations.Http, "/api/interactions", body, key);

        first.IsSuccessStatusCode.ShouldBeTrue(await first.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(first.StatusCode);
        KeyedRequest.IsReplay(again).ShouldBeTrue();
        IdOf(await again.Content.ReadAsStringAsync()).ShouldBe(IdOf(await first.Content.ReadAsStringAsync()));
        (await suite.Interactions.QueryAsync(db => db.Interactions.CountAsync(i => i.CustomerId == customerId))).ShouldBe(1);
    }

    private static Guid IdOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("id").GetGuid();
}
