using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Analytics.Relationships;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Customers;

/// <summary>Records the acquisition and counts the customer in its country's total, and whether the account is strategic.</summary>
public sealed class CustomerRegisteredHandler(AnalyticsDbContext db, SummaryCache cache, AttentionCache attention, ViewCache views) : IEventHandler<CustomerRegistered>
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
        await RelationshipHandlers.StrategicAsync(db, context.Message.CustomerId, context.Message.IsStrategic, 0, cancellationToken);
        context.AfterCommit(cache.InvalidateAsync);
        context.AfterCommit(attention.ChangedAsync);
        context.AfterCommit(views.ChangedAsync);
    }
}
