using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CrmPlatform.Analytics.Value;
using CrmPlatform.Contracts.Analytics;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.Tests.Shared;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Analytics;

/// <summary>The value profile of one customer, and the RFM recompute that scores them all.</summary>
[Collection(SuiteCollection.Name)]
public sealed class CustomerValueTests(Suite suite)
{
    private readonly AnalyticsClient _api = new(suite);

    [Fact]
    public async Task The_profile_adds_up_the_customers_purchases_and_predicts_from_the_fitted_model()
    {
        await PopulationAsync();
        var customer = await _api.KnownCustomerAsync();
        var now = DateTimeOffset.UtcNow;
        (await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", new object[]
        {
            new { purchaseId = $"V-{Guid.NewGuid():N}", customerId = customer, occurredAt = now.AddDays(-200), amount = 100m, currency = "BRL", costAmount = 60m },
            new { purchaseId = $"V-{Guid.NewGuid():N}", customerId = customer, occurredAt = now.AddDays(-100), amount = 200m, discountAmount = 50m, currency = "BRL", costAmount = 100m },
            new { purchaseId = $"V-{Guid.NewGuid():N}", customerId = customer, occurredAt = now.AddDays(-10), amount = 100m, discountAmount = 10m, currency = "BRL" },
        }))).GetProperty("accepted").GetInt32().ShouldBe(3);
        var refit = await AnalyticsClient.OkJsonAsync(await _api.SendAsync("/api/analytics/clv/model/refit", "", "application/json", HttpMethod.Post));
        refit.GetProperty("customers").GetInt32().ShouldBeGreaterThan(60);
        var current = await _api.GetJsonAsync("/api/analytics/clv/model/current");
        current.GetProperty("fittedAt").GetDateTimeOffset().ShouldBe(refit.GetProperty("fittedAt").GetDateTimeOffset());
        current.GetProperty("bgnbd").GetProperty("r").GetDouble().ShouldBe(refit.GetProperty("bgnbd").GetProperty("r").GetDouble());
        (current.GetProperty("calibrationEnd").GetString(), current.GetProperty("periodDays").GetInt32())
            .ShouldBe((DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 7));

        var profile = await _api.GetJsonAsync($"/api/analytics/customers/{customer}");

        profile.GetProperty("purchases").GetInt32().ShouldBe(3);
        profile.GetProperty("purchaseDays").GetInt32().ShouldBe(3);
        profile.GetProperty("revenue").GetDecimal().ShouldBe(340m);
        profile.GetProperty("grossAmount").GetDecimal().ShouldBe(400m);
        profile.GetProperty("discountAmount").GetDecimal().ShouldBe(60m);
        profile.GetProperty("averageTicket").GetDecimal().ShouldBe(113.3333m);
        profile.GetProperty("recencyDays").GetInt32().ShouldBe(10);
        profile.GetProperty("currencies").EnumerateArray().Select(c => c.GetString()).ShouldBe(["BRL"]);
        var margin = profile.GetProperty("grossMargin");
        (margin.GetProperty("amount").GetDecimal(), margin.GetProperty("rate").GetDecimal(), margin.GetProperty("costedRevenue").GetDecimal()).ShouldBe((90m, 0.36m, 250m));
        var discount = profile.GetProperty("discountDependency");
        // Only the 25 % discount reaches the 20 % threshold: 150 of 340.
        (discount.GetProperty("threshold").GetDecimal(), discount.GetProperty("share").GetDecimal()).ShouldBe((0.20m, 0.4412m));
        // 3 purchases over 200 days of history: 200 / 30.44 months.
        profile.GetProperty("purchasesPerMonth").GetDouble().ShouldBe(3 / (200 / (365.25 / 12)), 0.001);

        profile.GetProperty("lifetimeUnavailable").ValueKind.ShouldBe(JsonValueKind.Null, profile.ToString());
        var lifetime = profile.GetProperty("lifetime");
        lifetime.GetProperty("historicValue").GetDecimal().ShouldBe(340m);
        var alive = lifetime.GetProperty("probabilityAlive").GetDouble();
        alive.ShouldBeInRange(0.01, 1.0);
        lifetime.GetProperty("expectedPurchases90Days").GetDouble().ShouldBeGreaterThan(0);
        var oneYear = lifetime.GetProperty("predictedValue").GetDouble();
        oneYear.ShouldBeGreaterThan(0);
        (lifetime.GetProperty("horizonDays").GetInt32(), lifetime.GetProperty("discountRate").GetDouble()).ShouldBe((365, 0.10));

        var twoYears = (await _api.GetJsonAsync($"/api/analytics/customers/{customer}?horizonDays=730")).GetProperty("lifetime").GetProperty("predictedValue").GetDouble();
        twoYears.ShouldBeGreaterThan(oneYear);
        var undiscounted = (await _api.GetJsonAsync($"/api/analytics/customers/{customer}?discountRate=0")).GetProperty("lifetime").GetProperty("predictedValue").GetDouble();
        undiscounted.ShouldBeGreaterThan(oneYear);

        var health = profile.GetProperty("health");
        health.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(
            ["probability_alive", "rhythm", "trend", "contact_recency", "decision_maker", "commitments", "sla"]);
        health.GetProperty("score").GetInt32().ShouldBeInRange(0, 100);
    }

    [Fact]
    public async Task A_customer_without_purchases_has_an_empty_profile_and_bad_parameters_are_named()
    {
        var customer = await _api.KnownCustomerAsync();
        var profile = await _api.GetJsonAsync($"/api/analytics/customers/{customer}");
        profile.GetProperty("purchases").GetInt32().ShouldBe(0);
        profile.GetProperty("averageTicket").ValueKind.ShouldBe(JsonValueKind.Null);
        profile.GetProperty("rfm").ValueKind.ShouldBe(JsonValueKind.Null);
        profile.GetProperty("lifetime").ValueKind.ShouldBe(JsonValueKind.Null);
        profile.GetProperty("health").GetProperty("score").GetInt32().ShouldBe(0);

        (await _api.Http.GetAsync($"/api/analytics/customers/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await _api.Http.GetAsync($"/api/analytics/customers/{customer}?horizonDays=0&discountRate=-0.1&when=now");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AnalyticsClient.ErrorsAsync(bad)).EnumerateObject().Select(e => e.Name).ShouldBe(["when", "horizonDays", "discountRate"], ignoreOrder: true);
        foreach (var notANumber in new[] { "NaN", "Infinity", "-Infinity" })
        {
            // double parsing takes these symbols whatever the number style; they are no rate (a 500 before).
            (await _api.Http.GetAsync($"/api/analytics/customers/{customer}?discountRate={notANumber}")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        }
    }

    [Fact]
    public async Task The_rfm_recompute_scores_everyone_and_publishes_a_segment_change_once()
    {
        await PopulationAsync(); // others to rank against, whichever tests ran before
        var champion = await _api.KnownCustomerAsync();
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, 40).Select(i => new
        {
            purchaseId = $"C-{Guid.NewGuid():N}", customerId = champion, occurredAt = now.AddMinutes(-1).AddDays(-7 * i), amount = 1_000_000_000_000m, currency = "EUR",
        }).ToArray();
        (await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", rows))).GetProperty("accepted").GetInt32().ShouldBe(40);
        var recompute = suite.Analytics.Services.GetRequiredService<RfmRecompute>();

        var first = await AnalyticsClient.OkJsonAsync(await _api.SendAsync("/api/analytics/rfm/recompute", "", "application/json", HttpMethod.Post));
        first.GetProperty("changed").GetInt32().ShouldBeGreaterThan(0);
        first.GetProperty("customers").GetInt32().ShouldBeGreaterThanOrEqualTo(first.GetProperty("changed").GetInt32());

        var rfm = (await _api.GetJsonAsync($"/api/analytics/customers/{champion}")).GetProperty("rfm");
        (rfm.GetProperty("recency").GetInt32(), rfm.GetProperty("frequency").GetInt32(), rfm.GetProperty("monetary").GetInt32()).ShouldBe((5, 5, 5));
        rfm.GetProperty("segment").GetString().ShouldBe("champions");
        (await _api.EventsAsync(champion)).Count(e => e == "CustomerValueSegmentChanged").ShouldBe(1);
        // Written by COPY, numbered by the outbox trigger, published like any other event.
        var published = await Eventually.GetAsync(
            () => suite.Analytics.QueryAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.CustomerId == champion && m.MessageType.EndsWith(":CustomerValueSegmentChanged"))),
            m => m.SentAt is not null);
        published.Sequence.ShouldBeGreaterThan(0);
        var body = JsonSerializer.Deserialize<CustomerValueSegmentChanged>(published.Body, JsonSerializerOptions.Web)!;
        (body.CustomerId, body.Segment, body.PreviousSegment, body.RecencyScore).ShouldBe((champion, "champions", null, 5));

        // Nothing changed: nothing is published again.
        (await recompute.RecomputeAsync(CancellationToken.None)).Changed.ShouldBe(0);
        (await _api.EventsAsync(champion)).Count(e => e == "CustomerValueSegmentChanged").ShouldBe(1);
    }

    [Fact]
    public async Task A_rebuild_puts_a_drifted_value_row_back_from_the_facts_and_leaves_the_rest_alone()
    {
        var customer = await _api.KnownCustomerAsync();
        (await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", new object[]
        {
            new { purchaseId = $"R-{Guid.NewGuid():N}", customerId = customer, occurredAt = DateTimeOffset.UtcNow.AddDays(-3), amount = 70m, currency = "RON" },
        }))).GetProperty("accepted").GetInt32().ShouldBe(1);
        var settled = await AnalyticsClient.OkJsonAsync(await _api.SendAsync("/api/analytics/projections/rebuild", "", "application/json", HttpMethod.Post));
        await suite.Analytics.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE analytics.customer_values SET revenue = 1, purchases = 9 WHERE customer_id = {customer}"));

        var rebuilt = await AnalyticsClient.OkJsonAsync(await _api.SendAsync("/api/analytics/projections/rebuild", "", "application/json", HttpMethod.Post));

        rebuilt.GetProperty("corrected").GetInt32().ShouldBe(1);
        rebuilt.GetProperty("customers").GetInt32().ShouldBe(settled.GetProperty("customers").GetInt32());
        rebuilt.GetProperty("rfm").GetProperty("customers").GetInt32().ShouldBe(rebuilt.GetProperty("customers").GetInt32());
        var row = await suite.Analytics.QueryAsync(db => db.CustomerValues.SingleAsync(v => v.CustomerId == customer));
        (row.Revenue, row.Purchases).ShouldBe((70m, 1));
    }

    [Fact]
    public async Task The_recompute_names_segments_exactly_as_the_documented_grid()
    {
        var sql = $"SELECT {RfmSegments.SqlCase("r", "f")} AS \"Value\" FROM generate_series(1, 5) r, generate_series(1, 5) f ORDER BY r, f";
        var named = await suite.Analytics.QueryAsync(db => db.Database.SqlQueryRaw<string>(sql).ToListAsync());
        var expected = (from r in Enumerable.Range(1, 5) from f in Enumerable.Range(1, 5) select RfmSegments.Of(r, f)).ToList();
        named.ShouldBe(expected);
    }

    /// <summary>
    /// Sixty customers with seeded histories drawn from the models' own processes, loaded in bulk, so the model fitted up to
    /// today has repeat customers to learn from whichever other tests ran first.
    /// </summary>
    private async Task PopulationAsync()
    {
        var ids = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();
        var bus = suite.Customers.Services.GetRequiredService<IBus>();
        await Task.WhenAll(ids.Select(id => bus.Publish(new CustomerRegistered
        {
            CustomerId = id, Kind = "company", LegalName = "Population", Country = "RO", TaxId = id.ToString("N"), RegisteredAt = DateTimeOffset.UtcNow.AddDays(-400),
        })));
        await Eventually.GetAsync(() => suite.Analytics.QueryAsync(db => db.Customers.CountAsync(c => ids.Contains(c.Id))), n => n == ids.Count);

        var csv = new StringBuilder("purchaseId,customerId,occurredAt,amount,currency\n");
        foreach (var purchase in SimulatedHistories.Draw(ids, DateOnly.FromDateTime(DateTime.UtcNow), seed: 7))
        {
            csv.Append(CultureInfo.InvariantCulture, $"P-{Guid.NewGuid():N},{purchase.CustomerId},{purchase.Day:yyyy-MM-dd},{purchase.Amount},RON\n");
        }

        var load = await AnalyticsClient.OkJsonAsync(await _api.SendAsync("/api/analytics/purchases/history", csv.ToString(), "text/csv"));
        load.GetProperty("rejected").GetInt64().ShouldBe(0);
    }
}
