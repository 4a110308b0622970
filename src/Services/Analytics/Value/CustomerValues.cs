using CrmPlatform.Analytics.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Value;

/// <summary>Keeps the <see cref="CustomerValue"/> projection in step with the purchase facts.</summary>
public static class CustomerValues
{
    /// <summary>
    /// Recomputes the aggregates of the given customers from their facts, inside the caller's transaction: the projection
    /// then never disagrees with the facts, whichever path changed them, and applying a change twice changes nothing. A
    /// customer left without purchases (merged away) loses its row. The RFM scores are kept until the next recompute.
    /// </summary>
    public static async Task RefreshAsync(this AnalyticsDbContext db, IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
        {
            return;
        }

        var ids = customerIds.Distinct().ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.customer_values AS v
                (customer_id, first_purchase_at, last_purchase_at, purchases, purchase_days, gross_amount, discount_amount, revenue,
                 costed_revenue, cost)
            SELECT customer_id, min(occurred_at), max(occurred_at), count(*), count(DISTINCT (occurred_at AT TIME ZONE 'UTC')::date),
                   sum(amount), sum(coalesce(discount_amount, 0)), sum(amount - coalesce(discount_amount, 0)),
                   coalesce(sum(amount - coalesce(discount_amount, 0)) FILTER (WHERE cost_amount IS NOT NULL), 0),
                   coalesce(sum(cost_amount), 0)
            FROM analytics.purchases
            WHERE customer_id = ANY({ids})
            GROUP BY customer_id
            ON CONFLICT (customer_id) DO UPDATE SET
                first_purchase_at = excluded.first_purchase_at, last_purchase_at = excluded.last_purchase_at,
                purchases = excluded.purchases, purchase_days = excluded.purchase_days, gross_amount = excluded.gross_amount,
                discount_amount = excluded.discount_amount, revenue = excluded.revenue, costed_revenue = excluded.costed_revenue,
                cost = excluded.cost
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM analytics.customer_values v
            WHERE v.customer_id = ANY({ids}) AND NOT EXISTS (SELECT 1 FROM analytics.purchases p WHERE p.customer_id = v.customer_id)
            """, cancellationToken);
    }

    /// <summary>
    /// Rebuilds the whole projection from the purchase facts in one set-based pass, inside the caller's transaction: for an
    /// operator who suspects drift, or after restoring the facts. Rows are written in id order so that a concurrent refresh
    /// of a few customers waits for this one rather than deadlocking with it. Answers how many customers have a row, and how many rows were wrong (written or removed): 0 when nothing had drifted.
    /// </summary>
    public static async Task<(int Customers, int Corrected)> RebuildAllAsync(this AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var written = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.customer_values AS v
                (customer_id, first_purchase_at, last_purchase_at, purchases, purchase_days, gross_amount, discount_amount, revenue,
                 costed_revenue, cost)
            SELECT customer_id, min(occurred_at), max(occurred_at), count(*), count(DISTINCT (occurred_at AT TIME ZONE 'UTC')::date),
                   sum(amount), sum(coalesce(discount_amount, 0)), sum(amount - coalesce(discount_amount, 0)),
                   coalesce(sum(amount - coalesce(discount_amount, 0)) FILTER (WHERE cost_amount IS NOT NULL), 0),
                   coalesce(sum(cost_amount), 0)
            FROM analytics.purchases
            GROUP BY customer_id
            ORDER BY customer_id
            ON CONFLICT (customer_id) DO UPDATE SET
                first_purchase_at = excluded.first_purchase_at, last_purchase_at = excluded.last_purchase_at,
                purchases = excluded.purchases, purchase_days = excluded.purchase_days, gross_amount = excluded.gross_amount,
                discount_amount = excluded.discount_amount, revenue = excluded.revenue, costed_revenue = excluded.costed_revenue,
                cost = excluded.cost
            WHERE (v.first_purchase_at, v.last_purchase_at, v.purchases, v.purchase_days, v.gross_amount, v.discount_amount, v.revenue,
                   v.costed_revenue, v.cost) IS DISTINCT FROM
                  (excluded.first_purchase_at, excluded.last_purchase_at, excluded.purchases, excluded.purchase_days, excluded.gross_amount,
                   excluded.discount_amount, excluded.revenue, excluded.costed_revenue, excluded.cost)
            """, cancellationToken);
        var removed = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM analytics.customer_values v
            WHERE NOT EXISTS (SELECT 1 FROM analytics.purchases p WHERE p.customer_id = v.customer_id)
            """, cancellationToken);
        return (await db.CustomerValues.CountAsync(cancellationToken), written + removed);
    }
}
