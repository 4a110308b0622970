using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.Analytics;

[Collection(SuiteCollection.Name)]
public sealed class PurchaseApiTests(Suite suite)
{
    private readonly AnalyticsClient _api = new(suite);

    private static JsonObject Row(string purchaseId, Guid customerId, object? extra = null)
    {
        var row = JsonSerializer.SerializeToNode(new
        {
            purchaseId,
            customerId,
            occurredAt = "2026-11-20T10:15:00-03:00",
            amount = 1500.00m,
            currency = "BRL",
        })!.AsObject();
        foreach (var (name, value) in extra is null ? [] : JsonSerializer.SerializeToNode(extra)!.AsObject())
        {
            row[name] = value?.DeepClone();
        }

        return row;
    }

    [Fact]
    public async Task A_batch_answers_every_row_and_a_bad_row_rejects_only_itself()
    {
        var customer = await _api.KnownCustomerAsync();
        var good = $"NF-{Guid.NewGuid():N}";
        var discounted = $"NF-{Guid.NewGuid():N}";
        var response = await _api.PostJsonAsync("/api/analytics/purchases", new[]
        {
            Row(good, customer, new { itemCount = 3, channel = "store", paymentMethod = "pix", costAmount = 900m }),
            Row($"NF-{Guid.NewGuid():N}", customer, new { amount = -1m }),
            Row($"NF-{Guid.NewGuid():N}", customer, new { currency = "BRR" }),
            Row($"NF-{Guid.NewGuid():N}", customer, new { discountAmount = 2000m }),
            Row($"NF-{Guid.NewGuid():N}", Guid.NewGuid()),
            Row(good, customer),
            Row($"NF-{Guid.NewGuid():N}", customer, new { occurredAt = "2026-11-20T10:15:00", price = 3 }),
            Row(discounted, customer, new { discountAmount = 500m }),
            Row($"NF-{Guid.NewGuid():N}", customer, new { occurredAt = DateTimeOffset.UtcNow.AddDays(2) }),
        });

        var body = await AnalyticsClient.OkJsonAsync(response);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("status").GetString()).ShouldBe(
            ["accepted", "rejected", "rejected", "rejected", "rejected", "duplicate", "rejected", "accepted", "rejected"]);
        results.Select(r => r.GetProperty("index").GetInt32()).ShouldBe(Enumerable.Range(0, 9));
        (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicate").GetInt32(), body.GetProperty("rejected").GetInt32()).ShouldBe((2, 1, 6));
        Fields(results[1]).ShouldBe(["amount"]);
        Fields(results[2]).ShouldBe(["currency"]);
        Fields(results[3]).ShouldBe(["discountAmount"]);
        Fields(results[4]).ShouldBe(["customerId"]);
        Fields(results[6]).ShouldBe(["occurredAt", "price"], ignoreOrder: true);
        Fields(results[8]).ShouldBe(["occurredAt"]);
        results[0].GetProperty("purchaseId").GetString().ShouldBe(good);

        // Sent again: the purchase id is stored, so nothing is counted (or published) twice.
        var again = await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", new[] { Row(good, customer, new { amount = 1m }) }));
        again.GetProperty("results")[0].GetProperty("status").GetString().ShouldBe("duplicate");

        var page = await _api.GetJsonAsync($"/api/analytics/customers/{customer}/purchases");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("purchaseId").GetString()).ShouldBe([good, discounted], ignoreOrder: true);
        var stored = items.Single(i => i.GetProperty("purchaseId").GetString() == good);
        stored.GetProperty("amount").GetDecimal().ShouldBe(1500m);
        stored.GetProperty("costAmount").GetDecimal().ShouldBe(900m);
        stored.GetProperty("itemCount").GetInt32().ShouldBe(3);
        stored.GetProperty("source").GetString().ShouldBe("api");
        stored.GetProperty("occurredAt").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse("2026-11-20T13:15:00Z", System.Globalization.CultureInfo.InvariantCulture));
        items.Single(i => i.GetProperty("purchaseId").GetString() == discounted).GetProperty("netAmount").GetDecimal().ShouldBe(1000m);
        (await _api.EventsAsync(customer)).ShouldBe(["PurchaseAccepted", "PurchaseAccepted"]);
    }

    [Fact]
    public async Task A_body_that_is_not_a_batch_is_a_problem_naming_what_is_wrong()
    {
        (await _api.SendAsync("/api/analytics/purchases", "[]", "text/plain")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await _api.SendAsync("/api/analytics/purchases", """{ "purchaseId": "x" }""", "application/json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _api.SendAsync("/api/analytics/purchases", "[{", "application/json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var tooMany = await _api.SendAsync("/api/analytics/purchases", "[" + string.Join(',', Enumerable.Repeat("{}", 10_001)) + "]", "application/json");
        tooMany.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AnalyticsClient.ErrorsAsync(tooMany)).TryGetProperty("body", out _).ShouldBeTrue();

        var notObjects = await AnalyticsClient.OkJsonAsync(await _api.SendAsync("/api/analytics/purchases", """[1, null]""", "application/json"));
        notObjects.GetProperty("rejected").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_customers_purchases_page_newest_first_with_a_cursor()
    {
        var customer = await _api.KnownCustomerAsync();
        var start = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 7).Select(i => Row($"NF-{Guid.NewGuid():N}", customer, new { occurredAt = start.AddDays(i) })).ToArray();
        (await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", rows))).GetProperty("accepted").GetInt32().ShouldBe(7);

        var seen = new List<DateTimeOffset>();
        string? cursor = null;
        do
        {
            var page = await _api.GetJsonAsync($"/api/analytics/customers/{customer}/purchases?limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("occurredAt").GetDateTimeOffset()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.ShouldBe(Enumerable.Range(0, 7).Select(i => start.AddDays(6 - i)).ToList());
        var filtered = await _api.GetJsonAsync($"/api/analytics/customers/{customer}/purchases?from=2026-06-03&to=2026-06-05");
        filtered.GetProperty("items").GetArrayLength().ShouldBe(2);

        (await _api.Http.GetAsync($"/api/analytics/customers/{Guid.NewGuid()}/purchases")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await _api.Http.GetAsync($"/api/analytics/customers/{customer}/purchases?limit=0&sort=amount");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = await AnalyticsClient.ErrorsAsync(bad);
        errors.TryGetProperty("limit", out _).ShouldBeTrue();
        errors.TryGetProperty("sort", out _).ShouldBeTrue();
    }

    private static List<string> Fields(JsonElement result) => [.. result.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
}
