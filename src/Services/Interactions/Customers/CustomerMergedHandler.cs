using CrmPlatform.Contracts.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Timeline;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Customers;

/// <summary>
/// Duplicates were merged: everything held under a merged id (interactions, commitments, timeline,
/// contacts) moves to the survivor, and the merged ids stay as pointers so late facts and old links
/// still reach it. Set-based updates in the inbox transaction: all moves commit with the record that
/// the event was applied, or none.
/// </summary>
public sealed class CustomerMergedHandler(InteractionsDbContext db) : IEventHandler<CustomerMerged>
{
    public async Task HandleAsync(EventContext<CustomerMerged> context, CancellationToken cancellationToken)
    {
        var merged = context.Message;
        var ids = merged.MergedIds.Where(id => id != merged.SurvivorId).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        await db.Customers.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedInto, merged.SurvivorId), cancellationToken);
        await db.Interactions.Where(i => ids.Contains(i.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, merged.SurvivorId), cancellationToken);
        await db.Commitments.Where(c => ids.Contains(c.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, merged.SurvivorId), cancellationToken);
        await db.Timeline.Where(e => ids.Contains(e.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, merged.SurvivorId), cancellationToken);
        await db.Contacts.Where(c => ids.Contains(c.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, merged.SurvivorId), cancellationToken);

        var names = await db.Customers.Where(c => ids.Contains(c.Id)).Select(c => c.LegalName).ToListAsync(cancellationToken);
        db.AddToTimeline(merged.SurvivorId, merged.MergedAt, TimelineKind.Merged, context.MessageId.ToString(),
            ids.Count == 1 ? "Merged a duplicate into this customer" : $"Merged {ids.Count} duplicates into this customer",
            names.Count > 0 ? string.Join("; ", names) : null,
            new { mergedIds = ids });
    }
}
