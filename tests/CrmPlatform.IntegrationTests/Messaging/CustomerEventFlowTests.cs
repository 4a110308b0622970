using System.Net.Http.Json;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.Messaging;
using CrmPlatform.Messaging.Inbox;
using CrmPlatform.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Messaging;

[Collection(SuiteCollection.Name)]
public sealed class CustomerEventFlowTests(Suite suite)
{
    [Fact]
    public async Task A_registered_customer_reaches_interactions_service_desk_and_analytics()
    {
        var response = await suite.Customers.CreateClient().PostAsJsonAsync("/api/customers", TestData.Company(TestData.UniqueTaxId()));
        var customer = (await response.Content.ReadFromJsonAsync<CustomerResponse>())!;

        var inInteractions = await Eventually.GetAsync(
            () => suite.Interactions.QueryAsync(db => db.Customers.SingleOrDefaultAsync(c => c.Id == customer.Id)), found => found is not null);
        var inServiceDesk = await Eventually.GetAsync(
            () => suite.ServiceDesk.QueryAsync(db => db.Customers.SingleOrDefaultAsync(c => c.Id == customer.Id)), found => found is not null);
        var inAnalytics = await Eventually.GetAsync(
            () => suite.Analytics.QueryAsync(db => db.Customers.SingleOrDefaultAsync(c => c.Id == customer.Id)), found => found is not null);

        inInteractions.ShouldNotBeNull().LegalName.ShouldBe(customer.LegalName);
        inServiceDesk.ShouldNotBeNull().Country.ShouldBe("BR");
        inAnalytics.ShouldNotBeNull().AcquiredAt.ShouldBe(customer.RegisteredAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task The_analytics_summary_counts_the_customers_it_has_heard_of()
    {
        var client = suite.Analytics.CreateClient();
        var response = await suite.Customers.CreateClient().PostAsJsonAsync("/api/customers", TestData.Company(TestData.UniqueTaxId()));
        var customer = (await response.Content.ReadFromJsonAsync<CustomerResponse>())!;
        await Eventually.GetAsync(
            () => suite.Analytics.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == customer.Id)), found => found);

        // Other tests' events may still be arriving: the summary must settle on the table's count.
        var settled = await Eventually.GetAsync(
            async () => (Summary: await client.GetFromJsonAsync<PortfolioSummary>("/api/analytics/summary"),
                Count: await suite.Analytics.QueryAsync(db => db.Customers.CountAsync())),
            pair => pair.Summary!.CustomerCount == pair.Count);

        settled.Summary!.CustomerCount.ShouldBe(settled.Count);
        settled.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_registration_commits_its_event_in_the_outbox_and_every_service_applies_it_once()
    {
        var client = suite.Customers.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers") { Content = JsonContent.Create(TestData.Company(TestData.UniqueTaxId())) };
        request.Headers.Add("X-Correlation-Id", "flow-" + Guid.NewGuid().ToString("N")[..8]);
        var customer = (await (await client.SendAsync(request)).Content.ReadFromJsonAsync<CustomerResponse>())!;

        var outbox = await Eventually.GetAsync(
            () => suite.Customers.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.CustomerId == customer.Id)),
            m => m.SentAt != null);
        outbox.Sequence.ShouldBe(1);
        outbox.MessageType.ShouldBe("urn:message:CrmPlatform.Contracts.Customers:CustomerRegistered");
        outbox.CorrelationId.ShouldBe(request.Headers.GetValues("X-Correlation-Id").Single());

        // The message id on the wire is the outbox id: each consumer's inbox records exactly that id.
        foreach (var inbox in new Func<Task<List<InboxMessage>>>[]
        {
            () => suite.Interactions.QueryAsync(db => db.Set<InboxMessage>().Where(m => m.CustomerId == customer.Id).ToListAsync()),
            () => suite.ServiceDesk.QueryAsync(db => db.Set<InboxMessage>().Where(m => m.CustomerId == customer.Id).ToListAsync()),
            () => suite.Analytics.QueryAsync(db => db.Set<InboxMessage>().Where(m => m.CustomerId == customer.Id).ToListAsync()),
        })
        {
            var applied = await Eventually.GetAsync(inbox, rows => rows.Count > 0);
            applied.ShouldHaveSingleItem().MessageId.ShouldBe(outbox.MessageId);
            applied[0].Sequence.ShouldBe(1);
        }
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_counted_once()
    {
        // Antarctica: no other test registers customers there, so its total is this test's alone.
        var registered = new CustomerRegistered
        {
            CustomerId = Guid.CreateVersion7(),
            Kind = "company",
            LegalName = "Estação Antártica Comandante Ferraz",
            Country = "AQ",
            TaxId = TestData.UniqueTaxId(),
            RegisteredAt = DateTimeOffset.UtcNow,
        };
        var messageId = Guid.CreateVersion7();
        using var duplicates = new InboxDuplicateCounter();
        var bus = suite.Customers.Services.GetRequiredService<IBus>();

        for (var copy = 0; copy < 2; copy++)
        {
            await bus.Publish(registered, context =>
            {
                context.MessageId = messageId;
                context.Headers.Set(EventHeaders.CustomerId, registered.CustomerId.ToString());
                context.Headers.Set(EventHeaders.Sequence, 1L);
            });
        }

        await Eventually.GetAsync(() => Task.FromResult(duplicates.For("-from-customers")), n => n >= 3);
        duplicates.For("-from-customers").ShouldBe(3, "each of the three consumers recognised the second copy");
        (await suite.Analytics.QueryAsync(db => db.CountryTotals.SingleAsync(t => t.Country == "AQ"))).Customers.ShouldBe(1);
        (await suite.Interactions.QueryAsync(db => db.Customers.CountAsync(c => c.Id == registered.CustomerId))).ShouldBe(1);
    }
}
