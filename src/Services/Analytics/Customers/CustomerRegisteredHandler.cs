using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Customers;

/// <summary>Records the acquisition and counts the customer in its country's total.</summary>
public sealed class CustomerRegisteredHandler(AnalyticsDbContext db, SummaryCache cache) : IEventHandler<CustomerRegistered>
{
    public async Task HandleAsync(EventContext<CustomerRegistered> context, CancellationToken cancellationToken)
    {
        db.Customers.Add(new CustomerReference
        {
            Id = context.Message.CustomerId,
            Country = context.Message.Country,
            AcquiredAt = context.Message.RegisteredAt,
            Stage = context.Message.Stage ?? "lead",
        });
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.country_totals AS t (country, customers) VALUES ({context.Message.Country}, 1)
            ON CONFLICT (country) DO UPDATE SET customers = t.customers + 1
            """, cancellationToken);
        context.AfterCommit(cache.InvalidateAsync);
    }
}
