using System.Data;
using CrmPlatform.Analytics.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Analytics.Purchases;

/// <summary>Writes purchase facts set-based, so a batch of 10,000 is one statement, and resolves customers.</summary>
public static class PurchaseStore
{
    /// <summary>
    /// The live id of each given customer id analytics knows: itself, or the survivor it was merged into. Ids not in the
    /// answer are unknown here (never registered, or registered a moment ago and not yet arrived).
    /// </summary>
    public static async Task<Dictionary<Guid, Guid>> LiveIdsAsync(this AnalyticsDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await db.Customers.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.MergedInto })
            .ToListAsync(cancellationToken);
        return found.ToDictionary(c => c.Id, c => c.MergedInto ?? c.Id);
    }

    /// <summary>
    /// Inserts the facts whose purchase id is new, inside the context's current transaction, and answers those purchase
    /// ids. A purchase id already stored (or inserted meanwhile by a concurrent request) is skipped, not an error.
    /// </summary>
    public static async Task<HashSet<string>> InsertNewAsync(this AnalyticsDbContext db, IReadOnlyList<PurchaseFact> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return [];
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand($"""
            INSERT INTO {AnalyticsDbContext.Schema}.purchases
                (id, purchase_id, customer_id, occurred_at, amount, currency, discount_amount, cost_amount, item_count, channel, payment_method, source, recorded_at)
            SELECT * FROM unnest(@id, @purchase_id, @customer_id, @occurred_at, @amount, @currency, @discount_amount, @cost_amount,
                                 @item_count, @channel, @payment_method, @source, @recorded_at)
            ON CONFLICT (purchase_id) DO NOTHING
            RETURNING purchase_id
            """, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.Add(Array("id", NpgsqlDbType.Uuid, facts.Select(f => f.Id)));
        command.Parameters.Add(Array("purchase_id", NpgsqlDbType.Text, facts.Select(f => f.PurchaseId)));
        command.Parameters.Add(Array("customer_id", NpgsqlDbType.Uuid, facts.Select(f => f.CustomerId)));
        command.Parameters.Add(Array("occurred_at", NpgsqlDbType.TimestampTz, facts.Select(f => f.OccurredAt)));
        command.Parameters.Add(Array("amount", NpgsqlDbType.Numeric, facts.Select(f => f.Amount)));
        command.Parameters.Add(Array("currency", NpgsqlDbType.Text, facts.Select(f => f.Currency)));
        command.Parameters.Add(Array("discount_amount", NpgsqlDbType.Numeric, facts.Select(f => f.DiscountAmount)));
        command.Parameters.Add(Array("cost_amount", NpgsqlDbType.Numeric, facts.Select(f => f.CostAmount)));
        command.Parameters.Add(Array("item_count", NpgsqlDbType.Integer, facts.Select(f => f.ItemCount)));
        command.Parameters.Add(Array("channel", NpgsqlDbType.Text, facts.Select(f => f.Channel)));
        command.Parameters.Add(Array("payment_method", NpgsqlDbType.Text, facts.Select(f => f.PaymentMethod)));
        command.Parameters.Add(Array("source", NpgsqlDbType.Text, facts.Select(f => f.Source.ToString())));
        command.Parameters.Add(Array("recorded_at", NpgsqlDbType.TimestampTz, facts.Select(f => f.RecordedAt)));

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetString(0));
        }

        return inserted;
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };
}
