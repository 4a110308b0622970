using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// Writes the roster straight into <c>analytics.customers</c> with one binary COPY. In production analytics learns each
/// customer from <c>CustomerRegistered</c>, one event at a time; replaying a million events through RabbitMQ would measure
/// the messaging stack, not analytics, so the bench fills the table the handler fills (id, country, registration, stage).
/// </summary>
internal static class AnalyticsCustomerSeed
{
    public static async Task<TimeSpan> SeedAsync(NpgsqlDataSource dataSource, CustomerRoster roster, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY analytics.customers (id, country, acquired_at, stage) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var customer in roster.Customers)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(customer.Id, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(customer.Country, NpgsqlDbType.Char, cancellationToken);
                await importer.WriteAsync(customer.AcquiredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(customer.Stage, NpgsqlDbType.Varchar, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        // The handler also counts each customer in its country's total (the summary view reads it).
        await using (var totals = new NpgsqlCommand("""
            INSERT INTO analytics.country_totals (country, customers)
            SELECT country, count(*) FROM analytics.customers GROUP BY country
            ON CONFLICT (country) DO UPDATE SET customers = excluded.customers
            """, connection))
        {
            await totals.ExecuteNonQueryAsync(cancellationToken);
        }

        // The handler also writes the relationship row (strategic flag); interactions then bring the contact dates. A few
        // percent strategic, most contacted in the last months, a third with the decision maker reached: the attention list
        // has its usual mix of reasons. Hashes of the id keep it deterministic.
        await using (var relationships = new NpgsqlCommand("""
            INSERT INTO analytics.relationships (customer_id, is_strategic, profile_version, last_contact_at, last_decision_maker_contact_at)
            SELECT id, h % 100 < 3, 0,
                   CASE WHEN h / 100 % 10 < 6 THEN @now - (h / 1000 % 150) * interval '1 day' END,
                   CASE WHEN h / 100 % 10 < 3 THEN @now - (h / 1000 % 240) * interval '1 day' END
            FROM (SELECT id, abs(hashtext(id::text)::bigint) AS h FROM analytics.customers) AS c
            """, connection) { CommandTimeout = 0 })
        {
            relationships.Parameters.AddWithValue("now", roster.Now);
            await relationships.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var table in new[] { "customers", "relationships" })
        {
            await using var analyze = new NpgsqlCommand($"VACUUM (ANALYZE) analytics.{table}", connection) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return clock.Elapsed;
    }
}
