using System.Globalization;
using CrmPlatform.Interactions.Commitments;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.InteractionLog;
using CrmPlatform.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Relationship;

/// <summary>The queries behind <see cref="RelationshipSignals"/>; each is a range scan of the customer's rows.</summary>
public static class RelationshipQueries
{
    public const int WindowDays = 90;
    public const int Months = 12;

    public static async Task<RelationshipSignals> SignalsAsync(InteractionsDbContext db, Guid customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-WindowDays);
        var interactions = db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId);

        var last = await interactions.Where(i => i.Type != InteractionType.Note && i.OccurredAt <= now)
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .Select(i => new { i.Id, i.OccurredAt, i.Type, i.Channel, i.Direction })
            .FirstOrDefaultAsync(cancellationToken);
        var lastContact = last is null ? null : new LastContact(last.Id, last.OccurredAt.ToUniversalTime(), last.Type.ToWireName(), last.Channel.ToWireName(), last.Direction?.ToWireName());

        var reached = await db.Database.SqlQuery<ReachedRow>($"""
            SELECT c.id AS contact_id, c.name, c.role, c.position, max(i.occurred_at) AS last_reached_at, count(*)::int AS interactions
            FROM interactions.interactions i
            CROSS JOIN LATERAL unnest(i.contact_ids) AS reached(contact_id)
            JOIN interactions.contacts c ON c.id = reached.contact_id
            WHERE i.customer_id = {customerId} AND i.occurred_at >= {since} AND i.type <> 'Note'
            GROUP BY c.id, c.name, c.role, c.position
            ORDER BY last_reached_at DESC
            """).ToListAsync(cancellationToken);

        var firstMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-(Months - 1));
        var perMonth = await db.Database.SqlQuery<MonthRow>($"""
            SELECT to_char(date_trunc('month', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, count(*)::int AS interactions
            FROM interactions.interactions
            WHERE customer_id = {customerId} AND occurred_at >= {firstMonth} AND occurred_at <= {now}
            GROUP BY 1
            """).ToDictionaryAsync(m => m.Month, m => m.Interactions, cancellationToken);
        var months = Enumerable.Range(0, Months)
            .Select(k => firstMonth.AddMonths(k).ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .Select(m => new MonthCount(m, perMonth.GetValueOrDefault(m)))
            .ToList();

        var outcomes = await interactions.Where(i => i.OccurredAt >= since && i.Type != InteractionType.Note)
            .GroupBy(i => i.Outcome).Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(InteractionOutcome? outcome) => outcomes.FirstOrDefault(o => o.Outcome == outcome)?.Count ?? 0;
        var (positive, neutral, negative) = (Count(InteractionOutcome.Positive), Count(InteractionOutcome.Neutral), Count(InteractionOutcome.Negative));
        var rated = positive + neutral + negative;

        var commitments = db.Commitments.AsNoTracking().Where(c => c.CustomerId == customerId);
        var open = await commitments.Where(c => c.Status == CommitmentStatus.Open)
            .GroupBy(_ => 1).Select(g => new { All = g.Count(), Overdue = g.Count(c => c.DueAt <= now) })
            .FirstOrDefaultAsync(cancellationToken);
        var completed = await commitments.Where(c => c.Status == CommitmentStatus.Completed && c.ClosedAt >= since)
            .GroupBy(_ => 1).Select(g => new { All = g.Count(), OnTime = g.Count(c => c.ClosedAt <= c.DueAt) })
            .FirstOrDefaultAsync(cancellationToken);

        return new RelationshipSignals(
            customerId,
            now.ToUniversalTime(),
            WindowDays,
            lastContact,
            lastContact is null ? null : (int)(now - lastContact.At).TotalDays,
            [.. reached.Select(r => new ReachedContact(r.ContactId, r.Name, r.Role, r.Position, r.LastReachedAt.ToUniversalTime(), r.Interactions))],
            reached.Any(r => r.Role == "decision_maker"),
            months,
            Math.Round(months.Average(m => m.Interactions), 2),
            new OutcomeCounts(positive, neutral, negative, Count(null), rated == 0 ? null : Math.Round((double)negative / rated, 4)),
            new CommitmentCounts(open?.All ?? 0, open?.Overdue ?? 0, completed?.All ?? 0, completed?.OnTime ?? 0));
    }

    private sealed record ReachedRow(Guid ContactId, string Name, string Role, string? Position, DateTimeOffset LastReachedAt, int Interactions);

    private sealed record MonthRow(string Month, int Interactions);
}
