using CrmPlatform.Analytics.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// The calibration summary of every customer, folded in the database: one row per customer instead of one per purchase
/// day, so a fit over millions of purchases moves a customer's worth of data, not a purchase's.
/// </summary>
/// <remarks>It computes what <see cref="CalibrationSummary.Summarize{TCustomer}"/> computes from purchases (the same-day
/// rule, x, tₓ, T and z̄ in periods); the CDNOW test through the API checks the two agree to the published figures.</remarks>
public static class CalibrationSummaryQuery
{
    /// <summary>The summary up to and including <paramref name="calibrationEnd"/>, in periods of <paramref name="periodDays"/>
    /// days, of every customer, or only of <paramref name="customers"/> (a sample, a segment) when given.</summary>
    public static async Task<CalibrationSummary<Guid>> ReadAsync(
        AnalyticsDbContext db, DateOnly calibrationEnd, int periodDays, CancellationToken cancellationToken, IReadOnlyCollection<Guid>? customers = null)
    {
        var endExclusive = new DateTimeOffset(calibrationEnd.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"""
                WITH days AS (
                    SELECT customer_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, sum(amount - coalesce(discount_amount, 0)) AS net
                    FROM analytics.purchases
                    WHERE occurred_at < @end {(customers is null ? "" : "AND customer_id = ANY(@customers)")}
                    GROUP BY 1, 2)
                SELECT customer_id, min(day), max(day), count(*)::int, sum(net), (array_agg(net ORDER BY day))[1]
                FROM days
                GROUP BY customer_id
                """, connection);
            if (db.Database.CurrentTransaction is { } transaction)
            {
                command.Transaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            }

            command.Parameters.AddWithValue("end", endExclusive);
            if (customers is not null)
            {
                command.Parameters.AddWithValue("customers", customers.ToArray());
            }

            var summaries = new List<CustomerSummary<Guid>>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var first = reader.GetFieldValue<DateOnly>(1);
                var last = reader.GetFieldValue<DateOnly>(2);
                var repeat = reader.GetInt32(3) - 1;
                var total = reader.GetDecimal(4);
                var firstAmount = reader.GetDecimal(5);
                summaries.Add(new CustomerSummary<Guid>(
                    reader.GetGuid(0),
                    first,
                    repeat,
                    (last.DayNumber - first.DayNumber) / (double)periodDays,
                    (calibrationEnd.DayNumber - first.DayNumber) / (double)periodDays,
                    repeat > 0 ? (double)((total - firstAmount) / repeat) : 0.0,
                    total));
            }

            return new CalibrationSummary<Guid>(calibrationEnd, periodDays, summaries);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
