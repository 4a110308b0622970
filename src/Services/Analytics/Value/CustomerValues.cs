using CrmPlatform.Analytics.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmPlatform.Analytics.Value;

/// <summary>Keeps the <see cref="CustomerValue"/> projection in step with the purchase facts.</summary>
public static class CustomerValues
{
    /// <summary>
    /// The aggregates of the customers the filter keeps, written over their rows. Rows are written in id order, so that a
    /// rebuild and a concurrent refresh of a few customers wait for each other rather than deadlock; a row that already
    /// holds the right values is left untouched (no dead tuple, and the count says how many rows were wrong).
    /// </summary>
    private static string Upsert(string filter) => $"""
        INSERT INTO analytics.customer_values AS v
            (customer_id, first_purchase_at, last_purchase_at, purchases, purchase_days, gross_amount, discount_amount, revenue,
             costed_revenue, cost)
        SELECT customer_id, min(occurred_at), max(occurred_at), count(*), count(DISTINCT (occurred_at AT TIME ZONE 'UTC')::date),
               sum(amount), sum(coalesce(discount_amount, 0)), sum(amount - coalesce(discount_amount, 0)),
               coalesce(sum(amount - coalesce(discount_amount, 0)) FILTER (WHERE cost_amount IS NOT NULL), 0),
               coalesce(sum(cost_amount), 0)
        FROM analytics.purchases
        {filter}
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
        """;

    /// <summary>Rows of customers the filter keeps who have no purchase left (merged away, or facts restored without them).</summary>
    private static string DeleteEmpty(string filter) => $"""
        DELETE FROM analytics.customer_values v
        WHERE {filter} NOT EXISTS (SELECT 1 FROM analytics.purchases p WHERE p.customer_id = v.customer_id)
        """;

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
        await db.Database.ExecuteSqlRawAsync(Upsert("WHERE customer_id = ANY(@ids)"), [new NpgsqlParameter("ids", ids)], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(DeleteEmpty("v.customer_id = ANY(@ids) AND"), [new NpgsqlParameter("ids", ids)], cancellationToken);
    }

    /// <summary>
    /// Rebuilds the whole projection from the purchase facts in one set-based pass, inside the caller's transaction: for an
    /// operator who suspects drift, or after restoring the facts. Answers how many customers have a row, and how many rows
    /// were wrong (written or removed): 0 when nothing had drifted.
    /// </summary>
    public static async Task<(int Customers, int Corrected)> RebuildAllAsync(this AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var written = await db.Database.ExecuteSqlRawAsync(Upsert(""), cancellationToken);
        var removed = await db.Database.ExecuteSqlRawAsync(DeleteEmpty(""), cancellationToken);
        return (await db.CustomerValues.CountAsync(cancellationToken), written + removed);
    }
}
