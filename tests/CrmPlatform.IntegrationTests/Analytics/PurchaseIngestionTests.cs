using System.Net;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Contracts.Sales;
using CrmPlatform.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Analytics;

/// <summary>The other ways purchases arrive: the ERP's events and CSV history loads; and where they go when customers merge.</summary>
[Collection(SuiteCollection.Name)]
public sealed class PurchaseIngestionTests(Suite suite)
{
    private readonly AnalyticsClient _api = new(suite);

    [Fact]
    public async Task The_erps_purchases_are_stored_once_by_the_same_rules_and_not_published_again()
    {
        var customer = await _api.KnownCustomerAsync();
        var bus = suite.Customers.Services.GetRequiredService<IBus>();
        var purchase = new PurchaseRecorded
        {
            PurchaseId = $"ERP-{Guid.NewGuid():N}", CustomerId = customer, OccurredAt = DateTimeOffset.UtcNow.AddDays(-1), Amount = 830.4m,
            Currency = "RON", DiscountAmount = 30.4m, ItemCount = 2, Channel = "b2b_portal",
        };
        await bus.Publish(purchase);
        await bus.Publish(purchase); // reported again under a new message id
        await bus.Publish(purchase with { PurchaseId = $"ERP-{Guid.NewGuid():N}", Amount = -5m });
        var later = purchase with { PurchaseId = $"ERP-{Guid.NewGuid():N}", OccurredAt = purchase.OccurredAt.AddHours(1) };
        await bus.Publish(later);

        var stored = await Eventually.GetAsync(
            () => suite.Analytics.QueryAsync(db => db.Purchases.Where(p => p.CustomerId == customer).OrderBy(p => p.OccurredAt).ToListAsync()),
            rows => rows.Count >= 2);
        await Task.Delay(500); // time for a wrongly stored duplicate or invalid purchase to show up
        stored = await suite.Analytics.QueryAsync(db => db.Purchases.Where(p => p.CustomerId == customer).OrderBy(p => p.OccurredAt).ToListAsync());

        stored.Select(p => p.PurchaseId).ShouldBe([purchase.PurchaseId, later.PurchaseId]);
        stored[0].NetAmount.ShouldBe(800m);
        stored[0].Source.ShouldBe(CrmPlatform.Analytics.Purchases.PurchaseSource.Erp);
        (await _api.EventsAsync(customer)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_csv_history_load_stores_the_good_lines_and_reports_the_bad_ones_by_line()
    {
        var customer = await _api.KnownCustomerAsync();
        var tag = Guid.NewGuid().ToString("N");
        var csv = string.Join('\n',
            "customerId,purchaseId,occurredAt,amount,currency,discountAmount,itemCount,channel",
            $"{customer},H-{tag}-1,2025-01-15,100.50,EUR,,1,store",
            $"{customer},H-{tag}-2,2025-02-15T09:00:00+02:00,200,EUR,20,2,\"web, mobile\"",
            $"{customer},H-{tag}-3,2025-03-15,-1,EUR,,1,store",
            $"{customer},H-{tag}-4,15/03/2025,10,XXX,,1,store",
            $"{Guid.NewGuid()},H-{tag}-5,2025-03-15,10,EUR,,1,store",
            $"{customer},H-{tag}-1,2025-01-15,100.50,EUR,,1,store",
            $"{customer},H-{tag}-7,2025-04-15,10,EUR",
            "",
            $"{customer},H-{tag}-9,2025-05-15,30,EUR,,,") + "\n";

        var result = await AnalyticsClient.OkJsonAsync(await _api.SendAsync("/api/analytics/purchases/history", csv, "text/csv"));

        (result.GetProperty("accepted").GetInt64(), result.GetProperty("duplicate").GetInt64(), result.GetProperty("rejected").GetInt64()).ShouldBe((3, 1, 4));
        var rejections = result.GetProperty("firstRejections").EnumerateArray().ToList();
        rejections.Select(r => r.GetProperty("line").GetInt64()).ShouldBe([4, 5, 6, 8]);
        rejections[0].GetProperty("errors").TryGetProperty("amount", out _).ShouldBeTrue();
        rejections[1].GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["occurredAt", "currency"], ignoreOrder: true);
        rejections[2].GetProperty("errors").TryGetProperty("customerId", out _).ShouldBeTrue();
        rejections[3].GetProperty("errors").TryGetProperty("line", out _).ShouldBeTrue();

        var page = await _api.GetJsonAsync($"/api/analytics/customers/{customer}/purchases");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("purchaseId").GetString()).ShouldBe([$"H-{tag}-9", $"H-{tag}-2", $"H-{tag}-1"]);
        items[1].GetProperty("channel").GetString().ShouldBe("web, mobile");
        items[1].GetProperty("netAmount").GetDecimal().ShouldBe(180m);
        items[1].GetProperty("source").GetString().ShouldBe("history");
        (await _api.EventsAsync(customer)).ShouldBeEmpty();

        // Loaded again: every line is now a duplicate.
        var again = await AnalyticsClient.OkJsonAsync(await _api.SendAsync("/api/analytics/purchases/history", csv, "text/csv"));
        again.GetProperty("accepted").GetInt64().ShouldBe(0);
        again.GetProperty("duplicate").GetInt64().ShouldBe(4);
    }

    [Fact]
    public async Task A_csv_without_a_usable_header_is_a_problem_naming_the_header()
    {
        var missing = await _api.SendAsync("/api/analytics/purchases/history", "purchaseId,customerId,when,amount\n", "text/csv");
        missing.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var messages = (await AnalyticsClient.ErrorsAsync(missing)).GetProperty("header").EnumerateArray().Select(m => m.GetString()).ToList();
        messages.ShouldContain(m => m!.Contains("'when'"));
        messages.ShouldContain(m => m!.Contains("'currency' is required"));
        (await _api.SendAsync("/api/analytics/purchases/history", "", "text/csv")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _api.SendAsync("/api/analytics/purchases/history", "a,b", "application/json")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Purchases_of_merged_customers_count_for_the_survivor_even_when_they_arrive_later()
    {
        var survivor = await _api.KnownCustomerAsync();
        var duplicate = await _api.KnownCustomerAsync();
        var first = $"NF-{Guid.NewGuid():N}";
        (await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", new[]
        {
            new { purchaseId = first, customerId = duplicate, occurredAt = "2026-10-01T10:00:00Z", amount = 10m, currency = "EUR" },
        }))).GetProperty("accepted").GetInt32().ShouldBe(1);

        await suite.Customers.Services.GetRequiredService<IBus>().Publish(new CustomerMerged
        {
            CustomerId = survivor, SurvivorId = survivor, MergedIds = [duplicate], MergedAt = DateTimeOffset.UtcNow,
        });
        await Eventually.GetAsync(
            () => suite.Analytics.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == duplicate && c.MergedInto == survivor)), merged => merged);

        var late = $"NF-{Guid.NewGuid():N}";
        (await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", new[]
        {
            new { purchaseId = late, customerId = duplicate, occurredAt = "2026-10-02T10:00:00Z", amount = 20m, currency = "EUR" },
        }))).GetProperty("accepted").GetInt32().ShouldBe(1);

        var viaSurvivor = await _api.GetJsonAsync($"/api/analytics/customers/{survivor}/purchases");
        viaSurvivor.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("purchaseId").GetString()).ShouldBe([late, first]);
        var viaMergedId = await _api.GetJsonAsync($"/api/analytics/customers/{duplicate}/purchases");
        viaMergedId.GetProperty("items").GetArrayLength().ShouldBe(2);

        // The value projection followed: the survivor has both purchases, the merged id answers the survivor's profile.
        var profile = await _api.GetJsonAsync($"/api/analytics/customers/{duplicate}");
        profile.GetProperty("customerId").GetGuid().ShouldBe(survivor);
        (profile.GetProperty("purchases").GetInt32(), profile.GetProperty("revenue").GetDecimal()).ShouldBe((2, 30m));
        (await suite.Analytics.QueryAsync(db => db.CustomerValues.AnyAsync(v => v.CustomerId == duplicate))).ShouldBeFalse();
    }
}
