using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Customers;

/// <summary>Keeps the customer's lifecycle stage, for revenue by stage.</summary>
public sealed class CustomerStageChangedHandler(AnalyticsDbContext db, ViewCache views) : IEventHandler<CustomerStageChanged>
{
    public async Task HandleAsync(EventContext<CustomerStageChanged> context, CancellationToken cancellationToken)
    {
        await db.Customers.Where(c => c.Id == context.Message.CustomerId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Stage, context.Message.To), cancellationToken);
        context.AfterCommit(views.ChangedAsync);
    }
}
