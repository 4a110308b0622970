using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Kpis;

/// <summary>NPS answers and CSAT ratings from the service desk, kept for the KPIs; idempotent on their ids.</summary>
public sealed class ServiceDeskHandlers(AnalyticsDbContext db, ViewCache views) : IEventHandler<NpsResponded>, IEventHandler<SatisfactionRated>
{
    public async Task HandleAsync(EventContext<NpsResponded> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        if (m.Score is < 0 or > 10)
        {
            return; // not an NPS answer; the service desk validates, so this is a publisher bug: nothing to count
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.nps_responses (response_id, customer_id, score, responded_at)
            VALUES ({m.ResponseId}, {m.CustomerId}, {m.Score}, {m.RespondedAt}) ON CONFLICT (response_id) DO NOTHING
            """, cancellationToken);
        context.AfterCommit(views.ChangedAsync);
    }

    public async Task HandleAsync(EventContext<SatisfactionRated> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        if (m.Rating is < 1 or > 5)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.satisfaction_ratings (ticket_id, customer_id, rating, rated_at)
            VALUES ({m.TicketId}, {m.CustomerId}, {m.Rating}, {m.RatedAt}) ON CONFLICT (ticket_id) DO NOTHING
            """, cancellationToken);
        context.AfterCommit(views.ChangedAsync);
    }
}
