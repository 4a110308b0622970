using System.Net.Http.Json;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
}
