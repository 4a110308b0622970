using System.Globalization;
using CrmPlatform.Contracts.Sales;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Messaging.Inbox;

namespace CrmPlatform.Interactions.Timeline;

/// <summary>Purchases, as lines of the timeline; the same purchase reported again is one line.</summary>
public sealed class PurchaseTimelineHandler(InteractionsDbContext db) : IEventHandler<PurchaseRecorded>
{
    public async Task HandleAsync(EventContext<PurchaseRecorded> context, CancellationToken cancellationToken)
    {
        var purchase = context.Message;
        var amount = purchase.Amount.ToString("0.00", CultureInfo.InvariantCulture);
        await db.AddToTimelineOnceAsync(await db.LiveIdAsync(purchase.CustomerId, cancellationToken), purchase.OccurredAt, TimelineKind.Purchase, purchase.PurchaseId,
            $"Purchase of {amount} {purchase.Currency}" + (purchase.ItemCount is { } items ? $", {items} items" : ""), null,
            new
            {
                purchase.PurchaseId, purchase.Amount, purchase.Currency, purchase.DiscountAmount,
                purchase.ItemCount, purchase.Channel, purchase.PaymentMethod,
            }, cancellationToken);
    }
}
