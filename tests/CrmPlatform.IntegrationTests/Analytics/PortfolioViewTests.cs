using System.Net;
using System.Text.Json;
using CrmPlatform.Analytics.Value;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Analytics;

/// <summary>
/// The portfolio views. Tests share the database, so each view is checked against an independent computation over every
/// row of the value projection (read with EF, classified in C#), and against customers this test made.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class PortfolioViewTests(Suite suite)
{
    private readonly AnalyticsClient _api = new(suite);

    private async Task<Guid> BuyerAsync(decimal amount, decimal? cost = null)
    {
        var customer = await _api.KnownCustomerAsync();
        var answer = await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", new object[]
        {
            new { purchaseId = $"PF-{Guid.NewGuid():N}", customerId = customer, occurredAt = DateTimeOffset.UtcNow.AddDays(-3), amount, currency = "EUR", costAmount = cost },
        }));
        answer.GetProperty("accepted").GetInt32().ShouldBe(1);
        return customer;
    }

    [Fact]
    public async Task Abc_classes_follow_the_80_95_rule_over_revenue_and_over_margin_and_page_by_class()
    {
        var top = await BuyerAsync(900_000_000_000m, 100_000_000_000m);
        var loss = await BuyerAsync(100m, 250m);

        foreach (var measure in new[] { "revenue", "margin" })
        {
            var rows = await suite.Analytics.QueryAsync(db => db.CustomerValues.AsNoTracking()
                .Where(v => measure == "revenue" || v.CostedRevenue > 0)
                .Select(v => new { v.CustomerId, Value = measure == "revenue" ? v.Revenue : v.CostedRevenue - v.Cost })
                .ToListAsync());
            var ranked = rows.OrderByDescending(r => r.Value).ThenBy(r => r.CustomerId).ToList();
            var total = ranked.Sum(r => Math.Max(r.Value, 0));
            decimal before = 0;
            var expected = new Dictionary<Guid, string>();
            foreach (var row in ranked)
            {
                expected[row.CustomerId] = row.Value > 0 && before < 0.80m * total ? "A" : row.Value > 0 && before < 0.95m * total ? "B" : "C";
                before += Math.Max(row.Value, 0);
            }

            var abc = await _api.GetJsonAsync($"/api/analytics/portfolio/abc?measure={measure}&limit=200");
            abc.GetProperty("total").GetDecimal().ShouldBe(total);
            foreach (var @class in abc.GetProperty("classes").EnumerateArray())
            {
                var name = @class.GetProperty("class").GetString()!;
                @class.GetProperty("customers").GetInt64().ShouldBe(expected.Count(e => e.Value == name), $"{measure} {name}");
            }

            var first = abc.GetProperty("customers").EnumerateArray().ToList();
            expected.ShouldContainKey(top);
            first.Select(c => c.GetProperty("customerId").GetGuid()).ShouldBe(ranked.Take(first.Count).Select(r => r.CustomerId));
            first.ShouldAllBe(c => c.GetProperty("class").GetString() == expected[c.GetProperty("customerId").GetGuid()]);
        }

        // The loss-making customer is class C of margin, listed when asking for class C, paging with a cursor.
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await _api.GetJsonAsync("/api/analytics/portfolio/abc?measure=margin&class=C&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var items = page.GetProperty("customers").EnumerateArray().ToList();
            items.ShouldAllBe(c => c.GetProperty("class").GetString() == "C");
            seen.AddRange(items.Select(c => c.GetProperty("customerId").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.ShouldContain(loss);
        seen.Distinct().Count().ShouldBe(seen.Count);

        var bad = await _api.Http.GetAsync("/api/analytics/portfolio/abc?measure=profit&class=D");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AnalyticsClient.ErrorsAsync(bad)).EnumerateObject().Select(e => e.Name).ShouldBe(["measure", "class"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_profitability_ranking_puts_the_most_and_the_least_profitable_first()
    {
        await BuyerAsync(950_000_000_000m, 1m);
        var loss = await BuyerAsync(10m, 1_000_000_000_000m);

        var most = await _api.GetJsonAsync("/api/analytics/portfolio/profitability?limit=5");
        var margins = most.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("margin").GetDecimal()).ToList();
        margins.ShouldBe(margins.OrderByDescending(m => m).ToList());
        var least = await _api.GetJsonAsync("/api/analytics/portfolio/profitability?order=least&limit=1");
        var worst = least.GetProperty("items")[0];
        worst.GetProperty("customerId").GetGuid().ShouldBe(loss);
        worst.GetProperty("margin").GetDecimal().ShouldBe(10m - 1_000_000_000_000m);
        var next = await _api.GetJsonAsync(
            $"/api/analytics/portfolio/profitability?order=least&limit=1&cursor={Uri.EscapeDataString(least.GetProperty("nextCursor").GetString()!)}");
        next.GetProperty("items")[0].GetProperty("margin").GetDecimal().ShouldBeGreaterThanOrEqualTo(worst.GetProperty("margin").GetDecimal());
        next.GetProperty("items")[0].GetProperty("customerId").GetGuid().ShouldNotBe(loss);

        var expectedBest = await suite.Analytics.QueryAsync(db => db.CustomerValues.Where(v => v.CostedRevenue > 0)
            .OrderByDescending(v => v.CostedRevenue - v.Cost).ThenBy(v => v.CustomerId).Select(v => v.CustomerId).FirstAsync());
        most.GetProperty("items")[0].GetProperty("customerId").GetGuid().ShouldBe(expectedBest);
        (await _api.Http.GetAsync("/api/analytics/portfolio/profitability?order=best")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Revenue_is_broken_down_by_segment_and_by_lifecycle_stage()
    {
        var customer = await BuyerAsync(123.45m);
        var etag = (await _api.Portfolio.Http.GetAsync($"/api/customers/{customer}")).Headers.ETag!.ToString();
        (await _api.Portfolio.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/stage", """{ "stage": "prospect", "reason": "Asked for a quote" }""", etag))
            .IsSuccessStatusCode.ShouldBeTrue();
        await Eventually.GetAsync(() => suite.Analytics.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == customer && c.Stage == "prospect")), moved => moved);
        await suite.Analytics.Services.GetRequiredService<RfmRecompute>().RecomputeAsync(CancellationToken.None);

        var expectedByStage = await suite.Analytics.QueryAsync(db => db.CustomerValues
            .Join(db.Customers, v => v.CustomerId, c => c.Id, (v, c) => new { c.Stage, v.Revenue })
            .GroupBy(x => x.Stage).Select(g => new { Stage = g.Key, Revenue = g.Sum(x => x.Revenue), Customers = g.LongCount() }).ToListAsync());
        var byStage = await _api.GetJsonAsync("/api/analytics/portfolio/revenue?by=stage");
        byStage.GetProperty("by").GetString().ShouldBe("stage");
        var groups = byStage.GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("key").GetString()!, g => (g.GetProperty("customers").GetInt64(), g.GetProperty("revenue").GetDecimal()));
        groups.ShouldBe(expectedByStage.ToDictionary(e => e.Stage, e => (e.Customers, e.Revenue)), ignoreOrder: true);
        groups.ShouldContainKey("prospect");

        var segment = await suite.Analytics.QueryAsync(db => db.CustomerValues.Where(v => v.CustomerId == customer).Select(v => v.Segment).SingleAsync());
        segment.ShouldNotBeNull();
        var expectedBySegment = await suite.Analytics.QueryAsync(db => db.CustomerValues
            .GroupBy(v => v.Segment).Select(g => new { Segment = g.Key, Revenue = g.Sum(v => v.Revenue), Customers = g.LongCount() }).ToListAsync());
        var rfm = await _api.GetJsonAsync("/api/analytics/rfm");
        var segments = rfm.GetProperty("segments").EnumerateArray().ToList();
        segments.Select(s => s.GetProperty("key").GetString()).ShouldBe(RfmSegments.All);
        foreach (var s in segments)
        {
            var expected = expectedBySegment.SingleOrDefault(e => e.Segment == s.GetProperty("key").GetString());
            (s.GetProperty("customers").GetInt64(), s.GetProperty("revenue").GetDecimal()).ShouldBe((expected?.Customers ?? 0, expected?.Revenue ?? 0));
        }

        rfm.GetProperty("revenue").GetDecimal().ShouldBe(expectedBySegment.Sum(e => e.Revenue));
        (await _api.GetJsonAsync("/api/analytics/portfolio/revenue?by=segment")).GetProperty("groups").EnumerateArray()
            .Single(g => g.GetProperty("key").GetString() == segment).GetProperty("revenue").GetDecimal()
            .ShouldBe(expectedBySegment.Single(e => e.Segment == segment).Revenue);
        (await _api.Http.GetAsync("/api/analytics/portfolio/revenue?by=country")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }
}
