using System.Diagnostics;
using System.Text.Json;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Messaging.Outbox;

/// <summary>
/// Many events at once, for a job whose one change reports on a large share of the customers (a recompute that moves a
/// million segments): the rows stream into the outbox through a binary <c>COPY</c> in the caller's transaction, instead
/// of a million tracked entities saved in batches. The same trigger numbers each customer's events, so order, commit
/// and rollback behave exactly as with <see cref="OutboxExtensions.AddEvent"/>.
/// </summary>
public static class OutboxBulk
{
    /// <summary>Writes the events in the open transaction of <paramref name="db"/>; answers how many. Notify the
    /// dispatcher (<see cref="OutboxSignal{TContext}"/>) after commit, or it finds them on its next poll.</summary>
    public static async Task<long> CopyEventsAsync<TMessage>(
        this DbContext db, IEnumerable<(TMessage Message, Guid CustomerId)> events, DateTimeOffset occurredAt, CancellationToken cancellationToken)
        where TMessage : class
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Copy events inside the transaction of the change they report.");
        }

        var type = typeof(TMessage);
        MessageTypes.Register(type);
        var urn = MessageTypes.UrnOf(type);
        var schemaVersion = MessageTypes.SchemaVersionOf(type);
        var correlationId = CorrelationContext.Current;
        var traceParent = Activity.Current?.Id;
        var schema = db.Model.GetDefaultSchema();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // On the connection of the open transaction, so inside it: the events commit or vanish with the change.
        await using var writer = await connection.BeginBinaryImportAsync($"""
            COPY "{schema}".{MessagingModel.OutboxTable}
                (message_id, message_type, body, customer_id, sequence, occurred_at, correlation_id, trace_parent, schema_version, attempts)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (message, customerId) in events)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(urn, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(JsonSerializer.Serialize(message, type, MessageTypes.Json), NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(customerId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken); // numbered by the trigger
            await writer.WriteAsync(occurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(writer, correlationId, cancellationToken);
            await WriteNullableAsync(writer, traceParent, cancellationToken);
            await writer.WriteAsync(schemaVersion, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
        }

        return (long)await writer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
}
