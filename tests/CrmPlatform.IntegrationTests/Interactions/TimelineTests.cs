using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contracts.Analytics;
using CrmPlatform.Contracts.Sales;
using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Interactions;

[Collection(SuiteCollection.Name)]
public sealed class TimelineTests(Suite suite)
{
    private readonly RelationsClient _api = new(suite);

    [Fact]
    public async Task The_timeline_tells_the_customers_story_from_every_service_newest_first()
    {
        var (customer, _) = await _api.KnownCustomerAsync();
        var customerETag = (await _api.Portfolio.Http.GetAsync($"/api/customers/{customer}")).Headers.ETag!.ToString();
        await _api.Portfolio.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/stage", """{ "stage": "prospect", "reason": "Asked for a quote" }""", customerETag);
        await _api.Portfolio.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/qualifications",
            """{ "profileFit": 80, "purchaseCapacity": 70, "paymentCapacity": 90, "retentionWorth": 60 }""", null);
        var bus = suite.ServiceDesk.Services.GetRequiredService<IBus>();
        var ticket = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await bus.Publish(new TicketOpened { TicketId = ticket, CustomerId = customer, Type = "complaint", Channel = "phone", Priority = "high", Subject = "Late delivery", OpenedAt = now.AddDays(-3) });
        await bus.Publish(new TicketSlaBreached { TicketId = ticket, CustomerId = customer, Target = "first_response", Priority = "high", DueAt = now.AddDays(-3).AddHours(4), BreachedAt = now.AddDays(-3).AddHours(4) });
        await bus.Publish(new TicketResolved { TicketId = ticket, CustomerId = customer, Subject = "Late delivery", Resolution = "Redelivered", ResolvedAt = now.AddDays(-2) });
        var purchase = new PurchaseRecorded { PurchaseId = $"NF-{Guid.NewGuid():N}", CustomerId = customer, OccurredAt = now.AddDays(-1), Amount = 1250.5m, Currency = "BRL", ItemCount = 3 };
        await bus.Publish(purchase);
        await bus.Publish(purchase); // the ERP reported it again, under a new message id
        await bus.Publish(new PurchaseAccepted { PurchaseId = purchase.PurchaseId, CustomerId = customer, OccurredAt = purchase.OccurredAt, Amount = purchase.Amount, Currency = "BRL", ItemCount = 3 });
        await _api.LogAsync(customer, new { occurredAt = now.AddHours(-5) });
        await _api.PostAsync("/api/commitments", new { customerId = customer, description = "Send the revised quote", dueAt = now.AddDays(2) });

        var page = await Eventually.GetAsync(
            () => _api.GetJsonAsync($"/api/customers/{customer}/timeline"),
            p => p.GetProperty("items").GetArrayLength() >= 9);

        var kinds = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ToList();
        kinds.ShouldBe(
            ["commitment_created", "qualified", "stage_changed", "registered", "interaction", "purchase", "ticket_resolved", "sla_breached", "ticket_opened"],
            string.Join(", ", kinds));
        var times = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        times.ShouldBe(times.OrderByDescending(t => t).ToList());
        var purchaseLine = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "purchase");
        purchaseLine.GetProperty("title").GetString().ShouldBe("Purchase of 1250.50 BRL, 3 items");
        purchaseLine.GetProperty("data").GetProperty("amount").GetDecimal().ShouldBe(1250.5m);
    }

    [Fact]
    public async Task The_timeline_pages_with_a_cursor_filters_by_kind_and_hides_what_the_department_may_not_see()
    {
        var (customer, _) = await _api.KnownCustomerAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        for (var i = 0; i < 7; i++)
        {
            await _api.LogAsync(customer, new { occurredAt = start.AddHours(i) });
        }

        await _api.LogAsync(customer, new { type = "note", direction = (string?)null, subject = "Collection agency", occurredAt = start.AddDays(1), departments = new List<string> { "accounting" } });

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await _api.GetJsonAsync($"/api/customers/{customer}/timeline?kind=interaction&limit=3" + (cursor is null ? "" : $"&cursor={cursor}"), department: "sales");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.Count.ShouldBe(7);
        seen.Distinct().Count().ShouldBe(7);
        (await _api.GetJsonAsync($"/api/customers/{customer}/timeline?kind=interaction", department: "accounting")).GetProperty("items").GetArrayLength().ShouldBe(8);
        var wrongCursor = await _api.SendAsync(HttpMethod.Get, $"/api/customers/{customer}/timeline?kind=purchase&cursor={Uri.EscapeDataString(await FirstCursorAsync(customer))}");
        wrongCursor.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _api.SendAsync(HttpMethod.Get, $"/api/customers/{customer}/timeline", department: "finance")).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // no role that works there
        (await _api.SendAsync(HttpMethod.Get, $"/api/customers/{Guid.NewGuid()}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_merge_moves_interactions_commitments_and_timeline_to_the_survivor_and_the_old_id_redirects()
    {
        var (survivor, _) = await _api.KnownCustomerAsync();
        var (duplicate, _) = await _api.KnownCustomerAsync(("João", "buyer"));
        var interaction = await _api.LogAsync(duplicate);
        await _api.PostAsync("/api/commitments", new { customerId = duplicate, description = "Call back", dueAt = DateTimeOffset.UtcNow.AddDays(1) });
        var etag = (await _api.Portfolio.Http.GetAsync($"/api/customers/{survivor}")).Headers.ETag!.ToString();

        (await _api.Portfolio.SendAsync(HttpMethod.Post, $"/api/customers/{survivor}/merge", $$"""{ "mergedIds": ["{{duplicate}}"] }""", etag)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Eventually.GetAsync(() => suite.Interactions.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == duplicate && c.MergedInto == survivor)), merged => merged);
        var list = await _api.GetJsonAsync($"/api/interactions?customerId={survivor}");
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(interaction);
        (await _api.GetJsonAsync($"/api/commitments?customerId={survivor}")).GetProperty("items").GetArrayLength().ShouldBe(1);
        var timeline = await _api.GetJsonAsync($"/api/customers/{survivor}/timeline");
        timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ShouldContain("merged");
        var old = await _api.SendAsync(HttpMethod.Get, $"/api/customers/{duplicate}/timeline?limit=5");
        old.StatusCode.ShouldBe(HttpStatusCode.PermanentRedirect);
        old.Headers.Location!.ToString().ShouldBe($"/api/customers/{survivor}/timeline?limit=5");
        var logged = await _api.PostAsync("/api/interactions", new { customerId = duplicate, type = "note", occurredAt = DateTimeOffset.UtcNow, subject = "Old link" });
        logged.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await logged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetGuid().ShouldBe(survivor);
    }

    private async Task<string> FirstCursorAsync(Guid customer) =>
        (await _api.GetJsonAsync($"/api/customers/{customer}/timeline?kind=interaction&limit=1")).GetProperty("nextCursor").GetString()!;
}
