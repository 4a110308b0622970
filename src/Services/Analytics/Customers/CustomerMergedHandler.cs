using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Analytics.Purchases;
using CrmPlatform.Analytics.Relationships;
using CrmPlatform.Analytics.Value;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Customers;

/// <summary>
/// Duplicates were merged: their purchases now count for the survivor, and the merged ids stay as pointers so a late
/// purchase of a merged id still reaches it; their relationship projection (contacts, overdue commitments, SLA breaches,
/// last contacts) moves to the survivor too. Set-based, in the inbox transaction.
/// </summary>
public sealed class CustomerMergedHandler(AnalyticsDbContext db, PurchaseChanges changes, AttentionCache attention, ViewCache views) : IEventHandler<CustomerMerged>
{
    public async Task HandleAsync(EventContext<CustomerMerged> context, CancellationToken cancellationToken)
    {
        var merged = context.Message;
        var ids = merged.MergedIds.Where(id => id != merged.SurvivorId).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        // Those merged earlier into a now merged id follow it to the survivor.
        await db.Customers.Where(c => ids.Contains(c.Id) || (c.MergedInto != null && ids.Contains(c.MergedInto.Value)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedInto, merged.SurvivorId), cancellationToken);
        var moved = await db.Purchases.Where(p => ids.Contains(p.CustomerId))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CustomerId, merged.SurvivorId), cancellationToken);
        await RelationshipHandlers.MergeAsync(db, merged.SurvivorId, [.. ids], cancellationToken);
        context.AfterCommit(attention.ChangedAsync);
        context.AfterCommit(views.ChangedAsync);
        if (moved > 0)
        {
            await db.RefreshAsync([merged.SurvivorId, .. ids], cancellationToken);
            context.AfterCommit(changes.ChangedAsync);
        }
    }
}
