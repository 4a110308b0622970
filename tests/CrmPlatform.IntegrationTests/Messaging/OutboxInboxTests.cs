using System.Collections.Concurrent;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.IntegrationTests.Messaging.Ledger;
using CrmPlatform.Messaging;
using CrmPlatform.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Messaging;

/// <summary>The messaging library's promises, on real PostgreSQL and RabbitMQ, through a small ledger service.</summary>
[Collection(SuiteCollection.Name)]
public sealed class OutboxInboxTests(Suite suite)
{
    private static readonly TimeSpan _settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_customers_events_are_applied_once_in_commit_order_with_two_instances_racing()
    {
        await using var first = await LedgerService.StartAsync();
        await using var second = await LedgerService.StartAsync();
        var customers = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
        var posted = new ConcurrentBag<Guid>();

        // Eight writers on two instances: transactions about the same customer race each other, and
        // both instances' dispatchers compete for the same outbox rows.
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            posted.Add(await (i % 2 == 0 ? first : second).PostAsync(customers[Random.Shared.Next(customers.Length)])));

        var applied = await Eventually.GetAsync(() => first.AppliedAsync(customers), a => a.Count >= posted.Count, _settle);
        applied.Select(a => a.MessageId).ShouldBe(posted, ignoreOrder: true);
        foreach (var stream in applied.GroupBy(a => a.CustomerId))
        {
            stream.Select(a => a.Sequence).ShouldBe(Enumerable.Range(1, stream.Count()).Select(n => (long)n), $"customer {stream.Key} out of order");
        }

        var outbox = await first.OutboxAsync(customers);
        outbox.ShouldAllBe(m => m.SentAt != null);
        outbox.ShouldAllBe(m => m.Attempts == 1, "an outbox row was published more than once");
    }

    [Fact]
    public async Task A_burst_for_one_customer_goes_out_many_events_per_round_in_order()
    {
        // The background dispatcher is paused; the test runs the rounds itself to count them.
        await using var ledger = await LedgerService.StartAsync(new Dictionary<string, string?> { ["Messaging:DispatchPaused"] = "true" });
        var customer = Guid.CreateVersion7();
        var posted = new List<Guid>();
        for (var i = 0; i < 100; i++)
        {
            posted.Add(await ledger.PostAsync(customer));
        }

        var services = ledger.Services;
        var dispatcher = new OutboxDispatcher<LedgerDbContext>(
            services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<OutboxSignal<LedgerDbContext>>(), services.GetRequiredService<IBus>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>(), services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxDispatcher<LedgerDbContext>>>());

        var first = await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var second = await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var third = await dispatcher.DispatchOnceAsync(CancellationToken.None);

        (first.Claimed, second.Claimed, third.Claimed).ShouldBe((64, 36, 0));
        var applied = await Eventually.GetAsync(() => ledger.AppliedAsync([customer]), a => a.Count >= posted.Count, _settle);
        applied.Select(a => a.Sequence).ShouldBe(Enumerable.Range(1, 100).Select(n => (long)n));
        (await ledger.OutboxAsync([customer])).ShouldAllBe(m => m.SentAt != null && m.Attempts == 1);
    }

    [Fact]
    public async Task A_message_delivered_twice_is_applied_once()
    {
        await using var ledger = await LedgerService.StartAsync();
        var customer = Guid.CreateVersion7();
        var bus = ledger.Services.GetRequiredService<IBus>();
        var messageId = Guid.CreateVersion7();
        var entry = new LedgerEntryPosted { EntryId = Guid.CreateVersion7(), CustomerId = customer };

        await bus.Publish(entry, Stamp(messageId, customer, 1));
        await bus.Publish(entry, Stamp(messageId, customer, 1));
        // A later event of the same customer is applied after both copies (one customer, one at a time, in order).
        var later = Guid.CreateVersion7();
        await bus.Publish(entry with { EntryId = Guid.CreateVersion7() }, Stamp(later, customer, 2));

        var applied = await Eventually.GetAsync(() => ledger.AppliedAsync(customer), a => a.Any(e => e.MessageId == later), _settle);
        applied.Select(a => a.MessageId).ShouldBe([messageId, later]);
    }

    [Fact]
    public async Task A_failing_event_is_retried_and_its_customers_later_events_wait_for_it()
    {
        await using var ledger = await LedgerService.StartAsync();
        var inPlace = Guid.CreateVersion7();
        var redelivered = Guid.CreateVersion7();

        // Two failures are absorbed by the immediate retries; four need the delayed redelivery.
        var expected = new List<Guid> { await ledger.PostAsync(inPlace, failTimes: 2) };
        var expectedRedelivered = new List<Guid> { await ledger.PostAsync(redelivered, failTimes: 4) };
        for (var i = 0; i < 3; i++)
        {
            expected.Add(await ledger.PostAsync(inPlace));
            expectedRedelivered.Add(await ledger.PostAsync(redelivered));
        }

        var applied = await Eventually.GetAsync(() => ledger.AppliedAsync(inPlace, redelivered), a => a.Count >= 8, _settle);
        applied.Where(a => a.CustomerId == inPlace).Select(a => a.MessageId).ShouldBe(expected);
        applied.Where(a => a.CustomerId == redelivered).Select(a => a.MessageId).ShouldBe(expectedRedelivered);
        applied.Where(a => a.CustomerId == redelivered).Select(a => a.Sequence).ShouldBe([1L, 2L, 3L, 4L]);
        (await ledger.DeferredCountAsync(inPlace, redelivered)).ShouldBe(0);
    }

    [Fact]
    public async Task A_poison_event_goes_to_the_error_queue_without_blocking_other_customers()
    {
        await using var ledger = await LedgerService.StartAsync();
        await using var broker = new Broker(suite.ConnectionString(ResourceNames.RabbitMq));
        var poisoned = Guid.CreateVersion7();
        var bystander = Guid.CreateVersion7();

        var poison = await ledger.PostAsync(poisoned, failTimes: int.MaxValue);
        var afterPoison = new[] { await ledger.PostAsync(poisoned), await ledger.PostAsync(poisoned) };
        var other = await ledger.PostAsync(bystander);

        var deadLettered = new List<BrokerMessage>();
        var applied = await Eventually.GetAsync(async () =>
        {
            deadLettered.AddRange(await broker.DrainAsync(LedgerService.Queue + "_error"));
            return await ledger.AppliedAsync(poisoned, bystander);
        }, a => a.Count >= 3 && deadLettered.Any(m => m.MessageId == poison.ToString()), _settle);

        applied.Select(a => a.MessageId).ShouldBe([other, .. afterPoison], "the bystander first; the poisoned customer's later events after the poison left, in order");
        var fault = deadLettered.Single(m => m.MessageId == poison.ToString());
        fault.Headers["MT-Reason"].ShouldBe("fault");
        fault.Headers["MT-Fault-Message"].ShouldNotBeNull().ShouldContain("fails on purpose");
        fault.Headers[EventHeaders.CustomerId].ShouldBe(poisoned.ToString());
        (await ledger.DeferredCountAsync(poisoned)).ShouldBe(0);
    }

    [Fact]
    public async Task Malformed_and_unknown_messages_go_to_the_error_queue_and_stop_nothing()
    {
        await using var ledger = await LedgerService.StartAsync();
        await using var broker = new Broker(suite.ConnectionString(ResourceNames.RabbitMq));
        var malformed = Guid.NewGuid().ToString();
        var unknown = Guid.NewGuid().ToString();
        const string masstransitJson = "application/vnd.masstransit+json";

        await broker.SendRawAsync(LedgerService.Queue, "{ this is not json", masstransitJson, malformed);
        await broker.SendRawAsync(LedgerService.Queue,
            $$$"""{"messageId":"{{{unknown}}}","messageType":["urn:message:Elsewhere:SomethingNobodyConsumes"],"message":{"x":1},"headers":{}}""",
            masstransitJson, unknown);
        var customer = Guid.CreateVersion7();
        var good = await ledger.PostAsync(customer);

        var deadLettered = new List<BrokerMessage>();
        await Eventually.GetAsync(async () =>
        {
            deadLettered.AddRange(await broker.DrainAsync(LedgerService.Queue + "_error"));
            return deadLettered.Count(m => m.MessageId == malformed || m.MessageId == unknown);
        }, n => n == 2, _settle);

        (await Eventually.GetAsync(() => ledger.AppliedAsync(customer), a => a.Count == 1, _settle)).Single().MessageId.ShouldBe(good);
        foreach (var id in new[] { malformed, unknown })
        {
            var message = deadLettered.SingleOrDefault(m => m.MessageId == id).ShouldNotBeNull($"{id} is not in the error queue");
            message.Headers.Keys.ShouldContain("MT-Reason", $"the error queue says why: {string.Join(", ", message.Headers.Keys)}");
        }
    }

    [Fact]
    public async Task An_event_whose_transaction_rolls_back_is_never_published()
    {
        await using var ledger = await LedgerService.StartAsync();
        var customer = Guid.CreateVersion7();
        var first = await ledger.PostAsync(customer);

        var rolledBack = await ledger.QueryAsync(async db =>
        {
            var existing = await db.Entries.AsNoTracking().FirstAsync(e => e.CustomerId == customer);
            db.Entries.Add(new LedgerEntry { Id = existing.Id, CustomerId = customer });
            var row = db.AddEvent(new LedgerEntryPosted { EntryId = existing.Id, CustomerId = customer }, customer);
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
            return row.MessageId;
        });
        var last = await ledger.PostAsync(customer);

        var applied = await Eventually.GetAsync(() => ledger.AppliedAsync(customer), a => a.Any(e => e.MessageId == last), _settle);
        applied.Select(a => a.MessageId).ShouldBe([first, last]);
        applied.Select(a => a.Sequence).ShouldBe([1L, 2L], "a rolled-back event gives its sequence number back");
        (await ledger.OutboxAsync(customer)).ShouldNotContain(m => m.MessageId == rolledBack);
    }

    private static Action<PublishContext<LedgerEntryPosted>> Stamp(Guid messageId, Guid customerId, long sequence) => context =>
    {
        context.MessageId = messageId;
        context.Headers.Set(EventHeaders.CustomerId, customerId.ToString());
        context.Headers.Set(EventHeaders.Sequence, sequence);
    };
}
