using System.Globalization;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Value;
using CrmPlatform.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Analytics.Purchases;

/// <summary>
/// The bulk path for history: each CSV line is checked by <see cref="PurchaseInput.Check"/> (the rules of every path)
/// and the good ones stream through a binary COPY into a temporary staging table; one INSERT … SELECT then keeps those
/// of known customers, re-pointed to survivors of merges, with ON CONFLICT DO NOTHING for purchase ids already stored.
/// All in one transaction: a load is stored whole or not at all.
/// </summary>
public static class PurchaseHistoryLoader
{
    public const int ReportedRejections = 100;

    private static readonly string[] _required = ["purchaseId", "customerId", "occurredAt", "amount", "currency"];

    public static async Task<(PurchaseHistoryResult? Result, FieldErrors Errors)> LoadAsync(
        AnalyticsDbContext db, TextReader csv, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var columns = ReadHeader(await csv.ReadLineAsync(cancellationToken), errors);
        if (columns is null)
        {
            return (null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TEMPORARY TABLE purchase_staging (
                line bigint NOT NULL, id uuid NOT NULL, purchase_id text NOT NULL, customer_id uuid NOT NULL,
                occurred_at timestamptz NOT NULL, amount numeric NOT NULL, currency text NOT NULL, discount_amount numeric,
                cost_amount numeric, item_count integer, channel text, payment_method text
            ) ON COMMIT DROP
            """, cancellationToken);

        var rejections = new List<PurchaseLineRejection>();
        long rejected = 0;
        await using (var importer = await connection.BeginBinaryImportAsync("""
            COPY purchase_staging (line, id, purchase_id, customer_id, occurred_at, amount, currency, discount_amount, cost_amount,
                                   item_count, channel, payment_method) FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            long line = 1;
            while (await csv.ReadLineAsync(cancellationToken) is { } text)
            {
                line++;
                if (text.Length == 0)
                {
                    continue;
                }

                var rowErrors = new FieldErrors();
                var input = ReadLine(text, columns, now, rowErrors, out var purchaseId);
                if (input is null)
                {
                    rejected++;
                    if (rejections.Count < ReportedRejections)
                    {
                        rejections.Add(new PurchaseLineRejection(line, purchaseId, rowErrors.ToDictionary()));
                    }

                    continue;
                }

                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(line, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(input.PurchaseId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(input.CustomerId, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(input.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(input.Amount, NpgsqlDbType.Numeric, cancellationToken);
                await importer.WriteAsync(input.Currency, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, input.DiscountAmount, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullableAsync(importer, input.CostAmount, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullableAsync(importer, input.ItemCount, NpgsqlDbType.Integer, cancellationToken);
                await WriteTextAsync(importer, input.Channel, cancellationToken);
                await WriteTextAsync(importer, input.PaymentMethod, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        // Rows of customers analytics does not know are rejected, like on the JSON path.
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        var unknown = new List<(long Line, string PurchaseId)>();
        long unknownCount = 0;
        await using (var command = new NpgsqlCommand("""
            SELECT s.line, s.purchase_id, count(*) OVER ()
            FROM purchase_staging s
            WHERE NOT EXISTS (SELECT 1 FROM analytics.customers c WHERE c.id = s.customer_id)
            ORDER BY s.line
            LIMIT @limit
            """, connection, npgsqlTransaction))
        {
            command.Parameters.AddWithValue("limit", ReportedRejections);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                unknown.Add((reader.GetInt64(0), reader.GetString(1)));
                unknownCount = reader.GetInt64(2);
            }
        }

        long staged, inserted;
        await using (var command = new NpgsqlCommand("""
            WITH known AS (
                SELECT DISTINCT ON (s.purchase_id) s.*, coalesce(c.merged_into, c.id) AS live_id
                FROM purchase_staging s
                JOIN analytics.customers c ON c.id = s.customer_id
                ORDER BY s.purchase_id, s.line
            ), inserted AS (
                INSERT INTO analytics.purchases
                    (id, purchase_id, customer_id, occurred_at, amount, currency, discount_amount, cost_amount, item_count, channel,
                     payment_method, source, recorded_at)
                SELECT id, purchase_id, live_id, occurred_at, amount, currency, discount_amount, cost_amount, item_count, channel,
                       payment_method, 'History', @now
                FROM known
                ON CONFLICT (purchase_id) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM purchase_staging), (SELECT count(*) FROM inserted)
            """, connection, npgsqlTransaction))
        {
            command.Parameters.AddWithValue("now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            staged = reader.GetInt64(0);
            inserted = reader.GetInt64(1);
        }

        if (inserted > 0)
        {
            var customers = await db.Database.SqlQueryRaw<Guid>("""
                SELECT DISTINCT coalesce(c.merged_into, c.id) AS "Value"
                FROM purchase_staging s JOIN analytics.customers c ON c.id = s.customer_id
                """).ToListAsync(cancellationToken);
            await db.RefreshAsync(customers, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        var firstRejections = rejections
            .Concat(unknown.Select(u => new PurchaseLineRejection(u.Line, u.PurchaseId, new Dictionary<string, string[]>
            {
                ["customerId"] = ["No customer has this id in analytics: register the customer first."],
            })))
            .OrderBy(r => r.Line)
            .Take(ReportedRejections)
            .ToList();
        return (new PurchaseHistoryResult(inserted, staged - unknownCount - inserted, rejected + unknownCount, firstRejections), errors);
    }

    /// <summary>The column of each header name, or null with the problem under <c>header</c>.</summary>
    private static Dictionary<string, int>? ReadHeader(string? header, FieldErrors errors)
    {
        if (header is null)
        {
            errors.Add("header", $"The body is empty: send a header line naming the columns ({string.Join(", ", PurchaseInput.Fields)}), then one purchase per line.");
            return null;
        }

        var names = CsvLine.Split(header.TrimStart('\uFEFF'), out var error);
        if (names is null)
        {
            errors.Add("header", error!);
            return null;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim();
            if (!PurchaseInput.Fields.Contains(name, StringComparer.Ordinal))
            {
                errors.Add("header", $"Unknown column '{Text.Shorten(name)}': use {string.Join(", ", PurchaseInput.Fields)}.");
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add("header", $"Column '{name}' is named twice.");
            }
        }

        foreach (var name in _required.Where(n => !columns.ContainsKey(n)))
        {
            errors.Add("header", $"Column '{name}' is required.");
        }

        return errors.Any ? null : columns;
    }

    private static PurchaseInput? ReadLine(string text, Dictionary<string, int> columns, DateTimeOffset now, FieldErrors errors, out string? purchaseId)
    {
        purchaseId = null;
        var fields = CsvLine.Split(text, out var error);
        if (fields is null)
        {
            errors.Add("line", error!);
            return null;
        }

        if (fields.Count != columns.Count)
        {
            errors.Add("line", $"Has {fields.Count} fields; the header has {columns.Count}.");
            return null;
        }

        string? Field(string name) => columns.TryGetValue(name, out var i) && fields[i].Trim() is { Length: > 0 } value ? value : null;

        purchaseId = Field("purchaseId") is { } id ? Text.Shorten(id) : null;
        Guid? customerId = null;
        if (Field("customerId") is { } rawCustomer)
        {
            if (Guid.TryParse(rawCustomer, out var parsed))
            {
                customerId = parsed;
            }
            else
            {
                errors.Add("customerId", "Must be an id (a UUID).");
            }
        }
        else
        {
            errors.Add("customerId", "Required.");
        }

        DateTimeOffset? occurredAt = null;
        if (Field("occurredAt") is { } rawTime)
        {
            if (Times.TryParse(rawTime, out var at))
            {
                occurredAt = at;
            }
            else
            {
                errors.Add("occurredAt", "Must be an ISO 8601 time with offset (2026-11-23T14:30:00-03:00) or a date (2026-11-23, midnight UTC).");
            }
        }
        else
        {
            errors.Add("occurredAt", "Required.");
        }

        var amount = Number(Field("amount"), "amount", errors);
        if (amount is null && !errors.Has("amount"))
        {
            errors.Add("amount", "Required: the value at list prices, a number ≥ 0.");
        }

        var discount = Number(Field("discountAmount"), "discountAmount", errors);
        var cost = Number(Field("costAmount"), "costAmount", errors);
        int? items = null;
        if (Field("itemCount") is { } rawItems)
        {
            if (int.TryParse(rawItems, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
            {
                items = count;
            }
            else
            {
                errors.Add("itemCount", "Must be a whole number.");
            }
        }

        return PurchaseInput.Check(Field("purchaseId"), customerId, occurredAt, amount, Field("currency"), discount, cost, items,
            Field("channel"), Field("paymentMethod"), now, errors);
    }

    private static decimal? Number(string? raw, string field, FieldErrors errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, "Must be a number with a point for decimals (1234.56), no thousands separator.");
        return null;
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } v)
        {
            await importer.WriteAsync(v, type, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }

}
