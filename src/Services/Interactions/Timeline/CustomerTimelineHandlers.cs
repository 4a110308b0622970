using CrmPlatform.Contracts.Customers;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Messaging.Inbox;

namespace CrmPlatform.Interactions.Timeline;

/// <summary>Stage changes and qualifications from the customer service, as lines of the timeline.</summary>
public sealed class CustomerTimelineHandlers(InteractionsDbContext db) :
    IEventHandler<CustomerStageChanged>,
    IEventHandler<CustomerQualified>
{
    public async Task HandleAsync(EventContext<CustomerStageChanged> context, CancellationToken cancellationToken)
    {
        var changed = context.Message;
        db.AddToTimeline(await db.LiveIdAsync(changed.CustomerId, cancellationToken), changed.ChangedAt, TimelineKind.StageChanged, context.MessageId.ToString(),
            $"Stage changed from {changed.From} to {changed.To}", changed.Reason,
            new { changed.From, changed.To, changed.ChangedBy });
    }

    public async Task HandleAsync(EventContext<CustomerQualified> context, CancellationToken cancellationToken)
    {
        var qualified = context.Message;
        db.AddToTimeline(await db.LiveIdAsync(qualified.CustomerId, cancellationToken), qualified.AssessedAt, TimelineKind.Qualified, qualified.AssessmentId.ToString(),
            $"Qualification: {qualified.Decision} (score {qualified.Score})", null,
            new
            {
                qualified.Score, qualified.Decision, qualified.ProfileFit, qualified.PurchaseCapacity,
                qualified.PaymentCapacity, qualified.RetentionWorth, qualified.Source, qualified.AssessedBy,
            });
    }
}
