using CrmPlatform.Contracts.Customers;
using CrmPlatform.Messaging;
using CrmPlatform.Messaging.Inbox;
using CrmPlatform.Messaging.Outbox;

namespace CrmPlatform.UnitTests.Messaging;

public sealed class MessagingConventionsTests
{
    [Fact]
    public void A_service_takes_each_source_from_one_queue_named_for_both()
    {
        QueueNames.For("analytics", typeof(CustomerRegistered).Namespace).ShouldBe("analytics-from-customers");
        QueueNames.For("service-desk", typeof(CustomerRegistered).Namespace).ShouldBe("service-desk-from-customers");
    }

    [Fact]
    public void Contract_types_are_known_by_their_wire_name_from_the_start()
    {
        const string urn = "urn:message:CrmPlatform.Contracts.Customers:CustomerRegistered";

        MessageTypes.UrnOf(typeof(CustomerRegistered)).ShouldBe(urn);
        MessageTypes.Resolve(urn).ShouldBe(typeof(CustomerRegistered));
        MessageTypes.Resolve("urn:message:Elsewhere:Unknown").ShouldBeNull();
        MessageTypes.InNamespace(typeof(CustomerRegistered).Namespace).ShouldContain(typeof(CustomerRegistered));
        MessageTypes.SchemaVersionOf(typeof(CustomerRegistered)).ShouldBe(1);
    }

    [Fact]
    public void An_events_customer_id_is_read_from_its_own_property_when_headers_are_missing()
    {
        var customerId = Guid.CreateVersion7();
        var registered = new CustomerRegistered
        {
            CustomerId = customerId, Kind = "person", LegalName = "Ana", Country = "RO", TaxId = "X", RegisteredAt = DateTimeOffset.UtcNow,
        };

        MessageTypes.CustomerIdOf(registered).ShouldBe(customerId);
        MessageTypes.CustomerIdOf(new { Other = 1 }).ShouldBeNull();
    }

    [Fact]
    public void Retry_schedules_default_when_unset_and_are_replaced_not_appended_when_configured()
    {
        var unset = new MessagingOptions();
        unset.ApplyDefaults();
        unset.ImmediateRetryIntervals.Length.ShouldBe(3);
        unset.RedeliveryIntervals.Length.ShouldBe(5);

        var configured = new MessagingOptions { RedeliveryIntervals = [TimeSpan.FromSeconds(1)] };
        configured.ApplyDefaults();
        configured.RedeliveryIntervals.ShouldBe([TimeSpan.FromSeconds(1)]);
    }

    [Fact]
    public async Task The_outbox_signal_wakes_the_dispatcher_at_once_and_otherwise_times_out()
    {
        var signal = new OutboxSignal<Microsoft.EntityFrameworkCore.DbContext>();
        signal.Notify();
        signal.Notify(); // coalesced: one pending wake-up at most

        var woken = signal.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        (await Task.WhenAny(woken, Task.Delay(TimeSpan.FromSeconds(5)))).ShouldBe(woken);

        var started = DateTime.UtcNow;
        await signal.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        (DateTime.UtcNow - started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(90), "the second notification was coalesced into the first");
    }

    [Fact]
    public void A_failure_is_described_with_its_inner_causes_and_bounded()
    {
        var failure = new InvalidOperationException("outer", new TimeoutException("inner"));

        InboxProcessor<Microsoft.EntityFrameworkCore.DbContext>.Describe(failure)
            .ShouldBe("InvalidOperationException: outer --> TimeoutException: inner");
        InboxProcessor<Microsoft.EntityFrameworkCore.DbContext>.Describe(new InvalidOperationException(new string('x', 5000))).Length.ShouldBe(2000);
    }
}
