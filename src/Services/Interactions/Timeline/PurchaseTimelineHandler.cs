using System.Globalization;
using CrmPlatform.Contracts.Analytics;
using CrmPlatform.Contracts.Sales;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Messaging.Inbox;

namespace CrmPlatform.Interactions.Timeline;

/// <summary>
/// Purchases, as lines of the timeline: those the ERP publishes and those entered through the
/// analytics API. The same purchase reported again (or by both) is one line, keyed by its purchase id.
/// </summary>
public sealed class PurchaseTimelineHandler(InteractionsDbContext db) : IEventHandler<PurchaseRecorded>, IEventHandler<PurchaseAccepted>
{
    public Task HandleAsync(EventContext<PurchaseRecorded> context, CancellationToken cancellationToken)
    {
        var p = context.Message;
        return AddAsync(p.PurchaseId, p.CustomerId, p.OccurredAt, p.Amount, p.Currency, p.DiscountAmount, p.ItemCount, p.Channel, p.PaymentMethod, cancellationToken);
    }

    public Task HandleAsync(EventContext<PurchaseAccepted> context, CancellationToken cancellationToken)
    {
        var p = context.Message;
        return AddAsync(p.PurchaseId, p.CustomerId, p.OccurredAt, p.Amount, p.Currency, p.DiscountAmount, p.ItemCount, p.Channel, p.PaymentMethod, cancellationToken);
    }

    private async Task AddAsync(
        string purchaseId, Guid customerId, DateTimeOffset occurredAt, decimal amount, string currency, decimal? discountAmount,
        int? itemCount, string? channel, string? paymentMethod, CancellationToken cancellationToken)
    {
        var text = amount.ToString("0.00", CultureInfo.InvariantCulture);
        await db.AddToTimelineOnceAsync(await db.LiveIdAsync(customerId, cancellationToken), occurredAt, TimelineKind.Purchase, purchaseId,
            $"Purchase of {text} {currency}" + (itemCount is { } items ? $", {items} items" : ""), null,
            new { purchaseId, amount, currency, discountAmount, itemCount, channel, paymentMethod }, cancellationToken);
    }
}
