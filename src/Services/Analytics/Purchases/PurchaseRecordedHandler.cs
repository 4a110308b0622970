using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Value;
using CrmPlatform.Contracts.Sales;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Inbox;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.Analytics.Purchases;

/// <summary>
/// The ERP's purchases, by the rules of the API and into the same table, idempotent on the purchase id. An event that
/// breaks a rule is logged and dropped: redelivering it cannot make it valid. One of a customer analytics does not know
/// yet is thrown back to be retried: the ERP and the customer service publish on separate streams, so the registration
/// may simply be behind.
/// </summary>
public sealed partial class PurchaseRecordedHandler(
    AnalyticsDbContext db, PurchaseChanges changes, TimeProvider clock, ILogger<PurchaseRecordedHandler> logger) : IEventHandler<PurchaseRecorded>
{
    public async Task HandleAsync(EventContext<PurchaseRecorded> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        var now = clock.GetUtcNow().ToPostgresPrecision();
        var errors = new FieldErrors();
        var input = PurchaseInput.Check(m.PurchaseId, m.CustomerId, m.OccurredAt, m.Amount, m.Currency, m.DiscountAmount, m.CostAmount,
            m.ItemCount, m.Channel, m.PaymentMethod, now, errors);
        if (input is null)
        {
            LogRejected(logger, m.PurchaseId, m.CustomerId, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            return;
        }

        var live = await db.LiveIdsAsync([input.CustomerId], cancellationToken);
        if (!live.TryGetValue(input.CustomerId, out var customerId))
        {
            throw new InvalidOperationException($"Purchase {input.PurchaseId} is of customer {input.CustomerId}, whom analytics does not know (yet).");
        }

        var inserted = await db.InsertNewAsync([PurchaseApi.Fact(input, customerId, PurchaseSource.Erp, now)], cancellationToken);
        if (inserted.Count > 0)
        {
            await db.RefreshAsync([customerId], cancellationToken);
            context.AfterCommit(changes.ChangedAsync);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped the ERP's purchase {PurchaseId} of customer {CustomerId}: {Errors}")]
    private static partial void LogRejected(ILogger logger, string purchaseId, Guid customerId, string errors);
}
