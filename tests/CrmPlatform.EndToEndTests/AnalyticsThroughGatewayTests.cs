using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.EndToEndTests.Infrastructure;
using CrmPlatform.Tests.Shared;

namespace CrmPlatform.EndToEndTests;

/// <summary>
/// The analytics service through the gateway of a suite started by the AppHost (issue 7): customers registered in the
/// customer service reach analytics over RabbitMQ; their purchases are recorded one by one and as a CSV history; the
/// lifetime-value model is fitted on them and every value view counts them. Other tests share the suite and its database,
/// so the views are checked against this test's own customers, or with ≥.
/// </summary>
[Collection(RunningSuiteCollection.Name)]
public sealed class AnalyticsThroughGatewayTests(RunningSuite suite)
{
    private static readonly string[] _segmentsBestFirst =
        ["champions", "loyal", "potential_loyalist", "new", "promising", "need_attention", "about_to_sleep", "cant_lose", "at_risk", "lost", "hibernating"];

    private readonly HttpClient _gateway = GatewayClient.Create(suite.Gateway.BaseAddress!);

    // The bulk operations are called as the roles that run them in real life (accounting loads the ERP's
    // history, an analyst refits and recomputes): each caller has its own budget on the gateway's
    // "expensive" routes (a few per minute), which the admin's other end-to-end calls already spend.
    private readonly HttpClient _accounting = GatewayClient.Create(suite.Gateway.BaseAddress!, "carla.accounting");
    private readonly HttpClient _analyst = GatewayClient.Create(suite.Gateway.BaseAddress!, "iris.analyst");

    [Fact]
    public async Task Purchases_of_a_customer_registered_through_the_gateway_are_checked_deduplicated_and_listed()
    {
        var buyer = (await RegisterAsync(1, "lead"))[0];
        var now = DateTimeOffset.UtcNow;
        var firstId = $"NF-{Guid.NewGuid():N}";
        var first = $$"""{ "purchaseId": "{{firstId}}", "customerId": "{{buyer}}", "occurredAt": "{{now.AddDays(-30):O}}", "amount": 100, "discountAmount": 10, "costAmount": 50, "currency": "BRL" }""";

        // 1. Analytics learns of the customer from the customer service's event (RabbitMQ): until then the purchase is refused as unknown.
        var recorded = await Eventually.GetAsync(() => PostPurchasesAsync($"[{first}]"), batch => !RejectedAsUnknownCustomer(batch.GetProperty("results")[0]));
        recorded.GetProperty("accepted").GetInt32().ShouldBe(1, recorded.ToString());

        // 2. One batch: the purchase already stored and one sent twice are duplicates; a bad row is rejected alone, naming its field.
        var secondId = $"NF-{Guid.NewGuid():N}";
        var second = $$"""{ "purchaseId": "{{secondId}}", "customerId": "{{buyer}}", "occurredAt": "{{now.AddDays(-2):O}}", "amount": 250.50, "currency": "BRL", "channel": "store" }""";
        var negative = $$"""{ "purchaseId": "NF-{{Guid.NewGuid():N}}", "customerId": "{{buyer}}", "occurredAt": "{{now.AddDays(-1):O}}", "amount": -5, "currency": "BRL" }""";
        var typo = $$"""{ "purchaseId": "NF-{{Guid.NewGuid():N}}", "customerId": "{{buyer}}", "occurredAt": "{{now.AddDays(-1):O}}", "amount": 5, "currency": "BRR" }""";
        var batch = await PostPurchasesAsync($"[{first}, {second}, {second}, {negative}, {typo}]");

        (batch.GetProperty("accepted").GetInt32(), batch.GetProperty("duplicate").GetInt32(), batch.GetProperty("rejected").GetInt32()).ShouldBe((1, 2, 2), batch.ToString());
        var results = batch.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("status").GetString()).ShouldBe(["duplicate", "accepted", "duplicate", "rejected", "rejected"]);
        results[3].GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["amount"]);
        results[4].GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["currency"]);

        var listed = await GetJsonAsync($"/api/analytics/customers/{buyer}/purchases");
        var items = listed.GetProperty("items").EnumerateArray().ToList();
        items.Select(p => p.GetProperty("purchaseId").GetString()).ShouldBe([secondId, firstId]); // newest first; the duplicates were not stored
        (items[1].GetProperty("netAmount").GetDecimal(), items[1].GetProperty("costAmount").GetDecimal(), items[1].GetProperty("source").GetString())
            .ShouldBe((90m, 50m, "api"));
        items[0].GetProperty("channel").GetString().ShouldBe("store");
        var page = await GetJsonAsync($"/api/analytics/customers/{buyer}/purchases?limit=1");
        var next = await GetJsonAsync($"/api/analytics/customers/{buyer}/purchases?limit=1&cursor={Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!)}");
        next.GetProperty("items")[0].GetProperty("purchaseId").GetString().ShouldBe(firstId);
        (await _gateway.GetAsync($"/api/analytics/customers/{Guid.NewGuid()}/purchases")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_history_loaded_for_registered_customers_fits_the_lifetime_model_and_is_counted_by_every_value_view()
    {
        // Enough customers with repeat purchases over a year for the BG/NBD and Gamma-Gamma fits to be identified.
        var customers = await RegisterAsync(80, "customer");
        foreach (var id in customers)
        {
            var known = await Eventually.GetAsync(() => _gateway.GetAsync($"/api/analytics/customers/{id}/purchases"), r => r.StatusCode != HttpStatusCode.NotFound);
            known.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var history = History(customers, today);
        var csv = new StringBuilder("purchaseId,customerId,occurredAt,amount,currency,costAmount\n");
        foreach (var row in history)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{row.PurchaseId},{row.CustomerId},{row.Day:yyyy-MM-dd},{row.Amount},BRL,{row.Cost}\n");
        }

        var repeated = history[0];
        csv.Append(CultureInfo.InvariantCulture, $"{repeated.PurchaseId},{repeated.CustomerId},{repeated.Day:yyyy-MM-dd},{repeated.Amount},BRL,{repeated.Cost}\n");
        csv.Append(CultureInfo.InvariantCulture, $"H-bad-{Guid.NewGuid():N},{customers[1]},{today:yyyy-MM-dd},-1,BRL,\n");

        // 2. The bulk path: a repeated line is a duplicate, a bad one is rejected by line and field, the rest are stored.
        var load = await OkJsonAsync(await SendAsync(HttpMethod.Post, "/api/analytics/purchases/history", csv.ToString(), "text/csv", _accounting));
        (load.GetProperty("accepted").GetInt64(), load.GetProperty("duplicate").GetInt64(), load.GetProperty("rejected").GetInt64()).ShouldBe((history.Count, 1, 1), load.ToString());
        var rejection = load.GetProperty("firstRejections")[0];
        rejection.GetProperty("line").GetInt64().ShouldBe(history.Count + 3); // the header is line 1
        rejection.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["amount"]);

        // 3. The lifetime-value model: refitted now, stored, and the same as the ad-hoc fit of the same day and period.
        var refit = await OkJsonAsync(await SendAsync(HttpMethod.Post, "/api/analytics/clv/model/refit", "", via: _analyst));
        refit.GetProperty("calibrationEnd").GetString().ShouldBe(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        refit.GetProperty("periodDays").GetInt32().ShouldBe(7);
        refit.GetProperty("fittedAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-2));
        refit.GetProperty("customers").GetInt32().ShouldBeGreaterThanOrEqualTo(customers.Length);
        refit.GetProperty("returningCustomers").GetInt32().ShouldBeGreaterThanOrEqualTo(history.GroupBy(r => r.CustomerId).Count(g => g.Select(r => r.Day).Distinct().Count() > 1));
        refit.GetProperty("fitSeconds").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        var bgnbd = refit.GetProperty("bgnbd");
        foreach (var parameter in new[] { "r", "alpha", "a", "b" })
        {
            bgnbd.GetProperty(parameter).GetDouble().ShouldBeGreaterThan(0, parameter);
        }

        bgnbd.GetProperty("logLikelihood").GetDouble().ShouldBeLessThan(0);
        foreach (var parameter in new[] { "p", "q", "gamma" })
        {
            refit.GetProperty("gammaGamma").GetProperty(parameter).GetDouble().ShouldBeGreaterThan(0, parameter);
        }

        var current = await GetJsonAsync("/api/analytics/clv/model/current");
        current.GetProperty("fittedAt").GetDateTimeOffset().ShouldBe(refit.GetProperty("fittedAt").GetDateTimeOffset());
        current.GetProperty("bgnbd").GetProperty("r").GetDouble().ShouldBe(bgnbd.GetProperty("r").GetDouble());
        var adHoc = await GetJsonAsync($"/api/analytics/clv/model?calibrationEnd={today:yyyy-MM-dd}&periodDays=7");
        adHoc.GetProperty("customers").GetInt32().ShouldBe(refit.GetProperty("customers").GetInt32());
        adHoc.GetProperty("bgnbd").GetProperty("r").GetDouble().ShouldBe(bgnbd.GetProperty("r").GetDouble(), 1e-6 * bgnbd.GetProperty("r").GetDouble());
        var badEnd = await _gateway.GetAsync("/api/analytics/clv/model?calibrationEnd=2026-02-30&periodDays=7");
        badEnd.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        badEnd.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await badEnd.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["calibrationEnd"]);

        // 4. RFM scored now, and one customer's value profile adds up their own purchases.
        var scored = await OkJsonAsync(await SendAsync(HttpMethod.Post, "/api/analytics/rfm/recompute", "", via: _analyst));
        scored.GetProperty("customers").GetInt32().ShouldBeGreaterThanOrEqualTo(customers.Length);
        scored.GetProperty("changed").GetInt32().ShouldBeInRange(0, scored.GetProperty("customers").GetInt32());
        var profiled = customers[2];
        var own = history.Where(r => r.CustomerId == profiled).ToList();
        var profile = await GetJsonAsync($"/api/analytics/customers/{profiled}");
        (profile.GetProperty("purchases").GetInt32(), profile.GetProperty("purchaseDays").GetInt32()).ShouldBe((own.Count, own.Select(r => r.Day).Distinct().Count()));
        profile.GetProperty("revenue").GetDecimal().ShouldBe(own.Sum(r => r.Amount));
        profile.GetProperty("averageTicket").GetDecimal().ShouldBe(decimal.Round(own.Sum(r => r.Amount) / own.Count, 4));
        var rfm = profile.GetProperty("rfm");
        _segmentsBestFirst.ShouldContain(rfm.GetProperty("segment").GetString());
        rfm.GetProperty("scoredAt").GetDateTimeOffset().ShouldBeLessThanOrEqualTo(scored.GetProperty("scoredAt").GetDateTimeOffset());
        profile.GetProperty("lifetimeUnavailable").ValueKind.ShouldBe(JsonValueKind.Null, profile.ToString());
        var alive = profile.GetProperty("lifetime").GetProperty("probabilityAlive").GetDouble();
        alive.ShouldBeInRange(1e-9, 1.0);
        var health = profile.GetProperty("health");
        health.GetProperty("score").GetInt32().ShouldBeInRange(0, 100);
        health.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldContain("probability_alive");

        // 5. The portfolio views count these customers.
        var revenue = history.Sum(r => r.Amount);
        var distribution = await GetJsonAsync("/api/analytics/rfm");
        var segments = distribution.GetProperty("segments").EnumerateArray().ToList();
        segments.Select(s => s.GetProperty("key").GetString()).ShouldBe(_segmentsBestFirst);
        segments.Sum(s => s.GetProperty("customers").GetInt64()).ShouldBeGreaterThanOrEqualTo(customers.Length);
        segments.Sum(s => s.GetProperty("revenueShare").GetDecimal()).ShouldBe(1m, 0.001m);
        distribution.GetProperty("revenue").GetDecimal().ShouldBeGreaterThanOrEqualTo(revenue);
        distribution.GetProperty("unscored").GetProperty("customers").GetInt64().ShouldBe(0); // nobody bought since the recompute

        var bySegment = await GetJsonAsync("/api/analytics/portfolio/revenue?by=segment");
        bySegment.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("customers").GetInt64()).ShouldBeGreaterThanOrEqualTo(customers.Length);
        bySegment.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("revenueShare").GetDecimal()).ShouldBe(1m, 0.001m);
        var byStage = await GetJsonAsync("/api/analytics/portfolio/revenue?by=stage");
        var stageCustomer = byStage.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == "customer"); // the stage they were registered in
        stageCustomer.GetProperty("customers").GetInt64().ShouldBeGreaterThanOrEqualTo(customers.Length);
        stageCustomer.GetProperty("revenue").GetDecimal().ShouldBeGreaterThanOrEqualTo(revenue);

        var abc = await GetJsonAsync("/api/analytics/portfolio/abc?measure=revenue&limit=200");
        abc.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("class").GetString()).ShouldBe(["A", "B", "C"]);
        abc.GetProperty("classes").EnumerateArray().Sum(c => c.GetProperty("share").GetDecimal()).ShouldBe(1m, 0.001m);
        var ranked = await ListAsync("/api/analytics/portfolio/abc?measure=revenue&limit=200", "customers");
        ranked.Count.ShouldBe((int)abc.GetProperty("classes").EnumerateArray().Sum(c => c.GetProperty("customers").GetInt64()));
        ranked.Select(c => c.GetProperty("value").GetDecimal()).ShouldBeInOrder(SortDirection.Descending);
        ranked.Select(c => c.GetProperty("class").GetString()).ShouldBeInOrder(SortDirection.Ascending);
        var valueOf = ranked.ToDictionary(c => c.GetProperty("customerId").GetGuid(), c => c.GetProperty("value").GetDecimal());
        foreach (var id in customers)
        {
            valueOf[id].ShouldBe(history.Where(r => r.CustomerId == id).Sum(r => r.Amount));
        }

        var leastProfitable = await ListAsync("/api/analytics/portfolio/profitability?order=least&limit=200", "items");
        var marginOf = leastProfitable.ToDictionary(c => c.GetProperty("customerId").GetGuid(), c => c.GetProperty("margin").GetDecimal());
        foreach (var id in customers)
        {
            marginOf[id].ShouldBe(history.Where(r => r.CustomerId == id).Sum(r => r.Amount - r.Cost));
        }

        marginOf[customers[0]].ShouldBeLessThan(0); // sold at a loss
        leastProfitable[0].GetProperty("margin").GetDecimal().ShouldBeLessThanOrEqualTo(marginOf[customers[0]]);

        var retention = await GetJsonAsync("/api/analytics/retention?granularity=month");
        var periods = retention.GetProperty("periods").EnumerateArray().ToList();
        periods.Count.ShouldBe(12);
        periods[^1].GetProperty("period").GetString().ShouldBe(Month(today));
        foreach (var period in periods)
        {
            var month = DateOnly.ParseExact(period.GetProperty("period").GetString()!, "yyyy-MM", CultureInfo.InvariantCulture);
            var active = ActiveIn(history, month);
            var before = ActiveIn(history, month.AddMonths(-1));
            period.GetProperty("activeCustomers").GetInt64().ShouldBeGreaterThanOrEqualTo(active.Count);
            period.GetProperty("retainedCustomers").GetInt64().ShouldBeGreaterThanOrEqualTo(active.Intersect(before).Count());
            period.GetProperty("newCustomers").GetInt64().ShouldBeGreaterThanOrEqualTo(history.GroupBy(r => r.CustomerId).Count(g => Month(g.Min(r => r.Day)) == Month(month)));
            var previous = period.GetProperty("previousActiveCustomers").GetInt64();
            previous.ShouldBeGreaterThanOrEqualTo(before.Count);
            var retained = period.GetProperty("retainedCustomers").GetInt64();
            var rate = period.GetProperty("retentionRate");
            (rate.ValueKind == JsonValueKind.Null ? (decimal?)null : rate.GetDecimal()).ShouldBe(previous > 0 ? decimal.Round((decimal)retained / previous, 4) : null);
        }

        var cohorts = (await GetJsonAsync("/api/analytics/cohorts")).GetProperty("cohorts").EnumerateArray().ToList();
        cohorts.Count.ShouldBe(12);
        foreach (var cohort in cohorts)
        {
            var month = DateOnly.ParseExact(cohort.GetProperty("month").GetString()!, "yyyy-MM", CultureInfo.InvariantCulture);
            var members = history.GroupBy(r => r.CustomerId).Where(g => Month(g.Min(r => r.Day)) == Month(month)).Select(g => g.Key).ToHashSet();
            var size = cohort.GetProperty("customers").GetInt64();
            size.ShouldBeGreaterThanOrEqualTo(members.Count);
            var active = cohort.GetProperty("active").EnumerateArray().Select(a => a.GetInt64()).ToList();
            active[0].ShouldBe(size); // everyone in a cohort bought in its month
            for (var k = 0; k < active.Count; k++)
            {
                active[k].ShouldBeGreaterThanOrEqualTo(ActiveIn(history, month.AddMonths(k)).Intersect(members).Count());
            }
        }

        // The spend of this month appears in its CAC, over the customers registered in it (these among them).
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var spend = await SendAsync(HttpMethod.Put, $"/api/analytics/acquisition-spend/{Month(today)}", """{ "amount": 6000, "currency": "BRL" }""");
        spend.StatusCode.ShouldBe(HttpStatusCode.OK, await spend.Content.ReadAsStringAsync());
        var kpis = await GetJsonAsync($"/api/analytics/kpis?from={thisMonth:yyyy-MM-dd}&to={thisMonth.AddMonths(1):yyyy-MM-dd}");
        var cac = kpis.GetProperty("cac");
        var acquired = cac.GetProperty("customersAcquired").GetInt64();
        acquired.ShouldBeGreaterThanOrEqualTo(customers.Length);
        cac.GetProperty("spend").EnumerateArray().Select(Money).ShouldBe([("BRL", 6000m)]);
        cac.GetProperty("cost").EnumerateArray().Select(Money).ShouldBe([("BRL", decimal.Round(6000m / acquired, 2))]);
        kpis.GetProperty("activeCustomers").GetInt64().ShouldBeGreaterThanOrEqualTo(ActiveIn(history, thisMonth).Count);
        kpis.GetProperty("averageLifetimeValue").GetDecimal().ShouldBeGreaterThan(0);

        // With no decision maker ever reached, every one of these customers needs attention, ranked by value at risk.
        var attention = await ListAsync("/api/analytics/attention?limit=200", "items");
        attention.Select(e => e.GetProperty("valueAtRisk").GetDecimal()).ShouldBeInOrder(SortDirection.Descending);
        var reasonsOf = attention.ToDictionary(e => e.GetProperty("customerId").GetGuid());
        foreach (var id in customers)
        {
            reasonsOf[id].GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldContain("no_decision_maker");
        }

        reasonsOf[profiled].GetProperty("probabilityAlive").GetDouble().ShouldBe(alive, 0.01); // the list and the profile use the same stored model

        // 6. Nothing drifted: the rebuild corrects nothing, and the RFM recompute that follows changes no segment.
        var rebuilt = await OkJsonAsync(await SendAsync(HttpMethod.Post, "/api/analytics/projections/rebuild", ""));
        rebuilt.GetProperty("corrected").GetInt32().ShouldBe(0);
        rebuilt.GetProperty("customers").GetInt32().ShouldBeGreaterThanOrEqualTo(customers.Length);
        rebuilt.GetProperty("rfm").GetProperty("customers").GetInt32().ShouldBe(rebuilt.GetProperty("customers").GetInt32());
        rebuilt.GetProperty("rfm").GetProperty("changed").GetInt32().ShouldBe(0);
    }

    private sealed record HistoryRow(string PurchaseId, Guid CustomerId, DateOnly Day, decimal Amount, decimal Cost);

    /// <summary>Seeded histories that identify the models (<see cref="SimulatedHistories"/>); margin 40 %, the first customer sells at a loss.</summary>
    private static List<HistoryRow> History(Guid[] customers, DateOnly today)
    {
        var batch = Guid.NewGuid().ToString("N")[..8];
        return [.. SimulatedHistories.Draw(customers, today, seed: 7).Select((p, i) => new HistoryRow(
            $"H-{batch}-{i}", p.CustomerId, p.Day, p.Amount, p.CustomerId == customers[0] ? p.Amount * 1.5m : decimal.Round(p.Amount * 0.6m, 2)))];
    }

    private static HashSet<Guid> ActiveIn(List<HistoryRow> history, DateOnly month) =>
        [.. history.Where(r => Month(r.Day) == Month(month)).Select(r => r.CustomerId)];

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static (string?, decimal) Money(JsonElement money) => (money.GetProperty("currency").GetString(), money.GetProperty("amount").GetDecimal());

    private static bool RejectedAsUnknownCustomer(JsonElement row) =>
        row.GetProperty("status").GetString() == "rejected" && row.GetProperty("errors").TryGetProperty("customerId", out _);

    /// <summary>Registers customers through the gateway, a few at a time (the machine is small, and so is the suite).</summary>
    private async Task<Guid[]> RegisterAsync(int count, string stage)
    {
        var ids = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, cancellationToken) =>
        {
            var created = await SendAsync(HttpMethod.Post, "/api/customers",
                $$"""{ "kind": "company", "legalName": "Distribuidora Analítica {{i}} Ltda", "country": "BR", "taxId": "{{ValidTaxIds.Cnpj()}}", "stage": "{{stage}}" }""");
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(cancellationToken));
            ids[i] = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
        });
        return ids;
    }

    private async Task<JsonElement> PostPurchasesAsync(string json) => await OkJsonAsync(await SendAsync(HttpMethod.Post, "/api/analytics/purchases", json));

    private async Task<JsonElement> GetJsonAsync(string path) => await OkJsonAsync(await _gateway.GetAsync(path));

    /// <summary>Every item of a keyset-paged list, following <c>nextCursor</c>.</summary>
    private async Task<List<JsonElement>> ListAsync(string path, string itemsProperty)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync(cursor is null ? path : $"{path}&cursor={Uri.EscapeDataString(cursor)}");
            items.AddRange(page.GetProperty(itemsProperty).EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, string mediaType = "application/json", HttpClient? via = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await (via ?? _gateway).SendAsync(request);
    }
}
