using System.Net;
using System.Text.Json;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Contracts.Interactions;
using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Analytics;

/// <summary>The attention list, kept from customer, interaction and service-desk events.</summary>
[Collection(SuiteCollection.Name)]
public sealed class AttentionTests(Suite suite)
{
    private readonly AnalyticsClient _api = new(suite);

    private IBus Bus => suite.Analytics.Services.GetRequiredService<IBus>();

    [Fact]
    public async Task A_strategic_account_without_contact_needs_attention_until_someone_calls_it()
    {
        var customer = await RegisteredAsync(strategic: true);

        var entry = await EntryAsync(customer, e => e is { } found && Codes(found).Contains("strategic_no_contact"));
        Codes(entry!.Value).ShouldContain("strategic_no_contact");
        entry.Value.GetProperty("isStrategic").GetBoolean().ShouldBeTrue();
        entry.Value.GetProperty("suggestedAction").GetString().ShouldNotBeNullOrEmpty();
        entry.Value.GetProperty("reasons").EnumerateArray().First(r => r.GetProperty("code").GetString() == "strategic_no_contact")
            .GetProperty("text").GetString().ShouldBe("Strategic account never contacted.");

        // A note is not contact with the customer; a call is.
        await Bus.Publish(Interaction(customer, "note", DateTimeOffset.UtcNow.AddHours(-2)));
        await Bus.Publish(Interaction(customer, "call", DateTimeOffset.UtcNow.AddDays(-40)));
        var stale = await Eventually.GetAsync(
            () => suite.Analytics.QueryAsync(db => db.Relationships.Where(r => r.CustomerId == customer).Select(r => r.LastContactAt).SingleAsync()),
            at => at is not null);
        stale.ShouldNotBeNull();
        stale.Value.ShouldBeLessThan(DateTimeOffset.UtcNow.AddDays(-39));
        const string Text = "Strategic account with no contact for 40 days (more than 30).";
        (await EntryAsync(customer, e => e is { } found && FirstText(found) == Text)).ShouldNotBeNull();
        FirstText((await EntryAsync(customer))!.Value).ShouldBe(Text);

        await Bus.Publish(Interaction(customer, "call", DateTimeOffset.UtcNow.AddHours(-1)));
        (await EntryAsync(customer, e => e is null)).ShouldBeNull("a strategic account called an hour ago needs no attention");
    }

    [Fact]
    public async Task Reaching_a_decision_maker_removes_the_no_decision_maker_reason_whichever_event_comes_first()
    {
        var customer = await RegisteredAsync(strategic: false);
        await PurchasesAsync(customer, 100m, -30, -20, -10);
        var entry = await EntryAsync(customer, e => e is { } found && Codes(found).Contains("no_decision_maker"));
        Codes(entry!.Value).ShouldContain("no_decision_maker");

        // The interaction names the contact before analytics learns its role: the role, when it comes, brings the reach.
        var contact = Guid.NewGuid();
        await Bus.Publish(Interaction(customer, "meeting", DateTimeOffset.UtcNow.AddDays(-3), contact));
        await Eventually.GetAsync(() => suite.Analytics.QueryAsync(db => db.Contacts.AnyAsync(c => c.ContactId == contact)), known => known);
        Codes((await EntryAsync(customer))!.Value).ShouldContain("no_decision_maker");

        await Bus.Publish(new ContactAdded
        {
            CustomerId = customer,
            Contact = new ContactData { ContactId = contact, Name = "Ana Decide", Role = "decision_maker" },
            AddedAt = DateTimeOffset.UtcNow,
        });
        var after = await EntryAsync(customer, e => e is null || !Codes(e.Value).Contains("no_decision_maker"));
        if (after is { } still)
        {
            Codes(still).ShouldNotContain("no_decision_maker");
        }

        var health = (await _api.GetJsonAsync($"/api/analytics/customers/{customer}")).GetProperty("health").GetProperty("components")
            .EnumerateArray().Single(c => c.GetProperty("name").GetString() == "decision_maker");
        health.GetProperty("score").GetInt32().ShouldBe(100);
    }

    [Fact]
    public async Task An_overdue_commitment_and_an_sla_breach_are_reasons_counted_once()
    {
        var customer = await RegisteredAsync(strategic: false);
        var (kept, broken) = (Guid.NewGuid(), Guid.NewGuid());
        var overdue = new CommitmentOverdue
        {
            CommitmentId = broken, CustomerId = customer, Description = "Send the quote", OwnerId = "ana",
            DueAt = DateTimeOffset.UtcNow.AddDays(-2), DetectedAt = DateTimeOffset.UtcNow.AddDays(-1),
        };
        await Bus.Publish(overdue);
        await Bus.Publish(overdue); // redelivered under a new message id: counted once
        await Bus.Publish(overdue with { CommitmentId = kept });
        var breach = new TicketSlaBreached
        {
            TicketId = Guid.NewGuid(), CustomerId = customer, Target = "resolution", Priority = "high",
            DueAt = DateTimeOffset.UtcNow.AddDays(-1), BreachedAt = DateTimeOffset.UtcNow.AddDays(-1),
        };
        await Bus.Publish(breach);
        await Bus.Publish(breach with { TicketId = Guid.NewGuid(), BreachedAt = DateTimeOffset.UtcNow.AddDays(-120), DueAt = DateTimeOffset.UtcNow.AddDays(-120) }); // too old

        var entry = await EntryAsync(customer, e => e is { } found && found.GetProperty("overdueCommitments").GetInt32() == 2 && found.GetProperty("slaBreaches90Days").GetInt32() == 1);
        entry!.Value.GetProperty("overdueCommitments").GetInt32().ShouldBe(2);
        entry.Value.GetProperty("slaBreaches90Days").GetInt32().ShouldBe(1);
        Codes(entry.Value).ShouldBe(["overdue_commitments", "sla_breaches"]);
        entry.Value.GetProperty("suggestedAction").GetString()!.ShouldStartWith("Keep the overdue promise");

        await Bus.Publish(new CommitmentCompleted
        {
            CommitmentId = kept, CustomerId = customer, OwnerId = "ana", DueAt = overdue.DueAt, OnTime = false, CompletedBy = "ana",
            CompletedAt = DateTimeOffset.UtcNow,
        });
        entry = await EntryAsync(customer, e => e is { } found && found.GetProperty("overdueCommitments").GetInt32() == 1);
        entry!.Value.GetProperty("overdueCommitments").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_merge_moves_the_relationship_to_the_survivor()
    {
        var (survivor, merged) = (await RegisteredAsync(strategic: false), await RegisteredAsync(strategic: true));
        await Bus.Publish(new CommitmentOverdue
        {
            CommitmentId = Guid.NewGuid(), CustomerId = merged, Description = "Call back", OwnerId = "ana",
            DueAt = DateTimeOffset.UtcNow.AddDays(-3), DetectedAt = DateTimeOffset.UtcNow.AddDays(-2),
        });
        await EntryAsync(merged, e => e is { } found && found.GetProperty("overdueCommitments").GetInt32() == 1);

        await Bus.Publish(new CustomerMerged { CustomerId = survivor, SurvivorId = survivor, MergedIds = [merged], MergedAt = DateTimeOffset.UtcNow });
        var entry = await EntryAsync(survivor, e => e is { } found && found.GetProperty("overdueCommitments").GetInt32() == 1);
        entry!.Value.GetProperty("isStrategic").GetBoolean().ShouldBeTrue();
        Codes(entry.Value).ShouldBe(["overdue_commitments", "strategic_no_contact"]);
        (await EntryAsync(merged)).ShouldBeNull("a merged id is not listed");
    }

    [Fact]
    public async Task The_list_is_ordered_by_value_at_risk_and_keyset_paged()
    {
        var (small, large) = (await RegisteredAsync(strategic: false), await RegisteredAsync(strategic: false));
        // The same rhythm, long gone: the same P(alive), so the one that paid twice as much has twice the value at risk.
        await PurchasesAsync(small, 1_000m, -400, -380, -360);
        await PurchasesAsync(large, 2_000m, -400, -380, -360);
        var smallEntry = await EntryAsync(small, e => e is not null);
        var largeEntry = await EntryAsync(large, e => e is not null);
        var (smallValue, largeValue) = (smallEntry!.Value.GetProperty("valueAtRisk").GetDecimal(), largeEntry!.Value.GetProperty("valueAtRisk").GetDecimal());
        smallValue.ShouldBeGreaterThan(0);
        largeValue.ShouldBe(2 * smallValue, 0.02m);

        var all = await AllAsync();
        var values = all.Select(e => e.GetProperty("valueAtRisk").GetDecimal()).ToList();
        values.ShouldBe([.. values.OrderDescending()]);
        var ids = all.Select(e => e.GetProperty("customerId").GetGuid()).ToList();
        ids.IndexOf(large).ShouldBeLessThan(ids.IndexOf(small));
        ids.Distinct().Count().ShouldBe(ids.Count, "keyset pages neither repeat nor skip");

        var first = await _api.GetJsonAsync("/api/analytics/attention?limit=1");
        var second = await _api.GetJsonAsync($"/api/analytics/attention?limit=1&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        second.GetProperty("items")[0].GetProperty("customerId").GetGuid().ShouldBe(ids[1]);
    }

    [Fact]
    public async Task Bad_parameters_are_named()
    {
        var bad = await _api.Http.GetAsync("/api/analytics/attention?limit=0&order=value");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AnalyticsClient.ErrorsAsync(bad)).EnumerateObject().Select(e => e.Name).ShouldBe(["limit", "order"], ignoreOrder: true);

        var cursor = await _api.Http.GetAsync("/api/analytics/attention?cursor=not-a-cursor");
        cursor.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AnalyticsClient.ErrorsAsync(cursor)).EnumerateObject().Select(e => e.Name).ShouldBe(["cursor"]);
    }

    private static string? FirstText(JsonElement entry) => entry.GetProperty("reasons").EnumerateArray().First().GetProperty("text").GetString();

    private static string[] Codes(JsonElement entry) => [.. entry.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];

    private async Task<Guid> RegisteredAsync(bool strategic)
    {
        var id = Guid.NewGuid();
        await Bus.Publish(new CustomerRegistered
        {
            CustomerId = id, Kind = "company", LegalName = "Attention", Country = "BR", TaxId = id.ToString("N"),
            RegisteredAt = DateTimeOffset.UtcNow.AddDays(-500), IsStrategic = strategic,
        });
        var known = await Eventually.GetAsync(() => suite.Analytics.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == id)), k => k);
        known.ShouldBeTrue("analytics never learnt of the customer");
        return id;
    }

    private async Task PurchasesAsync(Guid customer, decimal amount, params int[] daysAgo)
    {
        var rows = daysAgo.Select(d => new { purchaseId = $"A-{Guid.NewGuid():N}", customerId = customer, occurredAt = DateTimeOffset.UtcNow.AddDays(d), amount, currency = "BRL" }).ToArray();
        (await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", rows))).GetProperty("accepted").GetInt32().ShouldBe(rows.Length);
    }

    private static InteractionLogged Interaction(Guid customer, string type, DateTimeOffset at, params Guid[] contacts) => new()
    {
        InteractionId = Guid.NewGuid(), CustomerId = customer, Type = type, Direction = type == "note" ? null : "outbound", Channel = "phone",
        OccurredAt = at, EmployeeId = "ana", ContactIds = contacts, Subject = "Checking in", Tags = [], Departments = [], LoggedAt = at,
    };

    /// <summary>The customer's entry in the attention list (null when it is not there), once <paramref name="until"/> holds.</summary>
    private Task<JsonElement?> EntryAsync(Guid customer, Func<JsonElement?, bool>? until = null) =>
        Eventually.GetAsync(async () =>
        {
            var all = await AllAsync();
            return all.Where(e => e.GetProperty("customerId").GetGuid() == customer).Select(e => (JsonElement?)e).FirstOrDefault();
        }, until ?? (_ => true));

    /// <summary>Every page of the list.</summary>
    private async Task<List<JsonElement>> AllAsync()
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await _api.GetJsonAsync("/api/analytics/attention?limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }
}
