using CrmPlatform.Analytics.Purchases;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Analytics;

/// <summary>
/// The views are served from Redis until one of their inputs changes through the service: a change the service did not
/// make (a row edited behind its back) stays invisible until a generation moves, and every change it makes shows at once.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ViewCacheTests(Suite suite)
{
    private readonly AnalyticsClient _api = new(suite);

    [Fact]
    public async Task A_view_is_served_from_the_cache_until_its_inputs_change()
    {
        var customer = await _api.KnownCustomerAsync();
        (await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", new object[]
        {
            new { purchaseId = $"VC-{Guid.NewGuid():N}", customerId = customer, occurredAt = DateTimeOffset.UtcNow.AddDays(-1), amount = 10m, currency = "RON" },
        }))).GetProperty("accepted").GetInt32().ShouldBe(1);
        var before = (await _api.GetJsonAsync("/api/analytics/rfm")).GetProperty("revenue").GetDecimal();

        // Behind the service's back: the cached answer stands.
        await suite.Analytics.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE analytics.customer_values SET revenue = revenue + 1000 WHERE customer_id = {customer}"));
        (await _api.GetJsonAsync("/api/analytics/rfm")).GetProperty("revenue").GetDecimal().ShouldBe(before);

        // A purchase change moves the generation: the next read computes again.
        await suite.Analytics.Services.GetRequiredService<PurchaseChanges>().ChangedAsync();
        (await _api.GetJsonAsync("/api/analytics/rfm")).GetProperty("revenue").GetDecimal().ShouldBe(before + 1000);

        // The rebuild finds the drift, puts the row back and the view follows.
        (await AnalyticsClient.OkJsonAsync(await _api.SendAsync("/api/analytics/projections/rebuild", "", "application/json", HttpMethod.Post)))
            .GetProperty("corrected").GetInt32().ShouldBe(1);
        (await _api.GetJsonAsync("/api/analytics/rfm")).GetProperty("revenue").GetDecimal().ShouldBe(before);
    }

    [Fact]
    public async Task Acquisition_spend_and_concurrent_readers_see_the_same_fresh_kpis()
    {
        const string kpis = "/api/analytics/kpis?from=2019-06-01T00:00:00Z&to=2019-07-01T00:00:00Z";
        (await _api.GetJsonAsync(kpis)).GetProperty("cac").GetProperty("spend").GetArrayLength().ShouldBe(0);

        (await _api.SendJsonAsync(HttpMethod.Put, "/api/analytics/acquisition-spend/2019-06", """{ "amount": 4321, "currency": "RON" }""")).IsSuccessStatusCode.ShouldBeTrue();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _api.GetJsonAsync(kpis)));
        answers.ShouldAllBe(a => a.GetProperty("cac").GetProperty("spend")[0].GetProperty("amount").GetDecimal() == 4321m);
    }
}
