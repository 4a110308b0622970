using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Integrations;
using MassTransit;

namespace CrmPlatform.Analytics.Customers;

public sealed class CustomerRegisteredConsumer(AnalyticsDbContext db, SummaryCache cache) : IConsumer<CustomerRegistered>
{
    public async Task Consume(ConsumeContext<CustomerRegistered> context)
    {
        var inserted = await db.InsertIfAbsentAsync(new CustomerReference
        {
            Id = context.Message.CustomerId,
            Country = context.Message.Country,
            AcquiredAt = context.Message.RegisteredAt,
        }, context.CancellationToken);

        if (inserted)
        {
            await cache.InvalidateAsync();
        }
    }
}
