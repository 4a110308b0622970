using System.Net;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Analytics;

/// <summary>
/// KPIs of March 2022, a month no other test uses: customers registered then (announced on the bus with that date), their
/// NPS answers, CSAT ratings and purchases, and the month's acquisition spend.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class KpiTests(Suite suite)
{
    private static readonly DateTimeOffset _march = new(2022, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly AnalyticsClient _api = new(suite);

    [Fact]
    public async Task The_kpis_of_a_period_come_from_nps_csat_spend_registrations_and_purchases()
    {
        var bus = suite.ServiceDesk.Services.GetRequiredService<IBus>();
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await bus.Publish(new CustomerRegistered
            {
                CustomerId = id, Kind = "company", LegalName = "March 2022", Country = "BR", TaxId = id.ToString("N"), RegisteredAt = _march.AddDays(3),
            });
        }

        await Eventually.GetAsync(() => suite.Analytics.QueryAsync(db => db.Customers.CountAsync(c => ids.Contains(c.Id))), n => n == 4);
        var (x, y, z) = (ids[0], ids[1], ids[2]);
        int[] scores = [10, 9, 8, 3];
        for (var i = 0; i < scores.Length; i++)
        {
            var answer = new NpsResponded { ResponseId = Guid.NewGuid(), CustomerId = ids[i], Score = scores[i], RespondedAt = _march.AddDays(10 + i) };
            await bus.Publish(answer);
            await bus.Publish(answer); // redelivered under a new message id: counted once
        }

        int[] ratings = [5, 4, 2];
        for (var i = 0; i < ratings.Length; i++)
        {
            await bus.Publish(new SatisfactionRated { TicketId = Guid.NewGuid(), CustomerId = ids[i], Rating = ratings[i], RatedAt = _march.AddDays(12) });
        }

        await bus.Publish(new NpsResponded { ResponseId = Guid.NewGuid(), CustomerId = x, Score = 0, RespondedAt = _march.AddMonths(1) }); // April: not counted
        (await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", new object[]
        {
            new { purchaseId = $"K-{Guid.NewGuid():N}", customerId = x, occurredAt = "2022-02-10T10:00:00Z", amount = 100m, currency = "BRL" },
            new { purchaseId = $"K-{Guid.NewGuid():N}", customerId = y, occurredAt = "2022-02-15T10:00:00Z", amount = 50m, currency = "BRL" },
            new { purchaseId = $"K-{Guid.NewGuid():N}", customerId = x, occurredAt = "2022-03-10T10:00:00Z", amount = 100m, currency = "BRL" },
            new { purchaseId = $"K-{Guid.NewGuid():N}", customerId = z, occurredAt = "2022-03-20T10:00:00Z", amount = 70m, currency = "BRL" },
        }))).GetProperty("accepted").GetInt32().ShouldBe(4);
        (await _api.SendJsonAsync(HttpMethod.Put, "/api/analytics/acquisition-spend/2022-03", """{ "amount": 999, "currency": "BRL" }""")).IsSuccessStatusCode.ShouldBeTrue();
        var put = await _api.SendJsonAsync(HttpMethod.Put, "/api/analytics/acquisition-spend/2022-03", """{ "amount": 1000, "currency": "BRL" }""");
        (await AnalyticsClient.OkJsonAsync(put)).GetProperty("end").GetString().ShouldBe("2022-04-01");

        var kpis = await Eventually.GetAsync(
            () => _api.GetJsonAsync("/api/analytics/kpis?from=2022-03-01&to=2022-04-01"),
            k => k.GetProperty("nps").GetProperty("responses").GetInt64() == 4 && k.GetProperty("csat").GetProperty("ratings").GetInt64() == 3);
        await Task.Delay(500); // a duplicate counted twice would show up by now
        kpis = await _api.GetJsonAsync("/api/analytics/kpis?from=2022-03-01&to=2022-04-01");

        var nps = kpis.GetProperty("nps");
        (nps.GetProperty("responses").GetInt64(), nps.GetProperty("promoters").GetInt64(), nps.GetProperty("detractors").GetInt64(), nps.GetProperty("score").GetDecimal())
            .ShouldBe((4, 2, 1, 25m));
        var csat = kpis.GetProperty("csat");
        (csat.GetProperty("score").GetDecimal(), csat.GetProperty("averageRating").GetDecimal()).ShouldBe((66.67m, 3.67m));
        var cac = kpis.GetProperty("cac");
        cac.GetProperty("customersAcquired").GetInt64().ShouldBe(4);
        cac.GetProperty("cost")[0].GetProperty("currency").GetString().ShouldBe("BRL");
        cac.GetProperty("cost")[0].GetProperty("amount").GetDecimal().ShouldBe(250m);
        var retention = kpis.GetProperty("retention");
        // February's buyers x and y; x bought again in March.
        (retention.GetProperty("previousActiveCustomers").GetInt64(), retention.GetProperty("retainedCustomers").GetInt64(), retention.GetProperty("rate").GetDecimal())
            .ShouldBe((2, 1, 0.5m));
        kpis.GetProperty("activeCustomers").GetInt64().ShouldBe(2);
        var to = new DateTimeOffset(2022, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var expectedClv = await suite.Analytics.QueryAsync(async db =>
        {
            var before = db.Purchases.Where(p => p.OccurredAt < to);
            return decimal.Round(await before.SumAsync(p => p.Amount - (p.DiscountAmount ?? 0)) / await before.Select(p => p.CustomerId).Distinct().CountAsync(), 2);
        });
        kpis.GetProperty("averageLifetimeValue").GetDecimal().ShouldBe(expectedClv);
    }

    [Theory]
    [InlineData("2022-13", """{ "amount": 1, "currency": "BRL" }""", "period")]
    [InlineData("2022-Q5", """{ "amount": 1, "currency": "BRL" }""", "period")]
    [InlineData("march", """{ "amount": 1, "currency": "BRL" }""", "period")]
    [InlineData("2021-Q1", """{ "amount": -1, "currency": "BRL" }""", "amount")]
    [InlineData("2021-Q1", """{ "amount": 1, "currency": "XYZ" }""", "currency")]
    [InlineData("2021-Q1", """{ "amount": 1 }""", "currency")]
    [InlineData("2021-Q1", """{ "amount": 1, "currency": "BRL", "note": "x" }""", "note")]
    public async Task A_bad_spend_is_a_problem_naming_the_field(string period, string body, string field)
    {
        var response = await _api.SendJsonAsync(HttpMethod.Put, $"/api/analytics/acquisition-spend/{period}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AnalyticsClient.ErrorsAsync(response)).TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Months_and_quarters_of_spend_may_not_overlap_and_a_bad_kpi_period_is_named()
    {
        (await _api.SendJsonAsync(HttpMethod.Put, "/api/analytics/acquisition-spend/2021-Q3", """{ "amount": 3000, "currency": "EUR" }""")).IsSuccessStatusCode.ShouldBeTrue();
        var overlap = await _api.SendJsonAsync(HttpMethod.Put, "/api/analytics/acquisition-spend/2021-08", """{ "amount": 1000, "currency": "EUR" }""");
        overlap.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AnalyticsClient.ErrorsAsync(overlap)).TryGetProperty("period", out _).ShouldBeTrue();

        var bad = await _api.Http.GetAsync("/api/analytics/kpis?from=2022-04-01&to=2022-03-01&x=1");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AnalyticsClient.ErrorsAsync(bad)).EnumerateObject().Select(e => e.Name).ShouldBe(["x", "to"], ignoreOrder: true);
    }
}
