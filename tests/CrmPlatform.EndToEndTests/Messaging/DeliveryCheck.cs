using System.Globalization;
using System.Text;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace CrmPlatform.EndToEndTests.Messaging;

/// <summary>
/// Reads the outcome straight from the databases and the broker: every CustomerRegistered of the given
/// customers reached every consumer exactly once, in each customer's order, and nothing is left waiting
/// or dead-lettered. Effects are counted, not just inbox records, so a second apply would show.
/// </summary>
public sealed class DeliveryCheck(FaultSuite suite)
{
    /// <summary>The consumers of CustomerRegistered: their schema, their database's resource name, and their queue (= inbox consumer name).</summary>
    public static readonly IReadOnlyList<(string Schema, string Database, string Queue)> Consumers =
    [
        ("interactions", ResourceNames.InteractionsDb, "interactions-from-customers"),
        ("service_desk", ResourceNames.ServiceDeskDb, "service-desk-from-customers"),
        ("analytics", ResourceNames.AnalyticsDb, "analytics-from-customers"),
    ];

    /// <summary>
    /// Waits, within <paramref name="within"/>, until all events are applied and nothing is in flight;
    /// fails with the last state seen. Reports the state every 5 s to <paramref name="progress"/>.
    /// </summary>
    public async Task WaitUntilSettledAsync(IReadOnlyCollection<Guid> customers, TimeSpan within, Action<string> progress, CancellationToken cancellationToken)
    {
        var ids = customers.ToArray();
        var deadline = DateTime.UtcNow + within;
        var nextReport = DateTime.UtcNow;
        string state;
        while (true)
        {
            try
            {
                (var settled, state) = await ProbeAsync(ids, cancellationToken);
                if (settled)
                {
                    return;
                }

                // Where a slow settle spends its time, in the test's output.
                if (DateTime.UtcNow >= nextReport)
                {
                    progress(state);
                    nextReport = DateTime.UtcNow.AddSeconds(5);
                }
            }
            catch (Exception e) when (e is NpgsqlException or BrokerUnreachableException or OperationInterruptedException)
            {
                // A server we just killed may still be on its way back.
                state = $"probe failed: {e.GetType().Name}: {e.Message}";
            }

            if (DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new ShouldAssertException($"Delivery did not settle within {within.TotalSeconds:0} s: {state}");
    }

    /// <summary>How many events are applied, unsent, deferred and queued, and whether that is the end state.</summary>
    private async Task<(bool Settled, string State)> ProbeAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        var state = new StringBuilder();
        var unsent = await ScalarAsync(ResourceNames.CustomersDb, "SELECT count(*) FROM customers.outbox_messages WHERE sent_at IS NULL", cancellationToken);
        var settled = unsent == 0;
        state.Append(CultureInfo.InvariantCulture, $"customers outbox unsent {unsent}");
        foreach (var (schema, database, queue) in Consumers)
        {
            var applied = await AppliedAsync(database, schema, queue, ids, cancellationToken);
            var deferred = await ScalarAsync(database, $"SELECT count(*) FROM {schema}.deferred_messages", cancellationToken);
            settled &= applied == ids.Length && deferred == 0;
            state.Append(CultureInfo.InvariantCulture, $"; {schema} applied {applied}/{ids.Length}, deferred {deferred}");
        }

        // Redeliveries still queued, last: an AMQP connection costs the busy broker more than a query.
        foreach (var (_, _, queue) in settled ? Consumers : [])
        {
            var ready = await QueueDepthAsync(queue, cancellationToken);
            settled &= ready == 0;
            state.Append(CultureInfo.InvariantCulture, $"; {queue} ready {ready}");
        }

        return (settled, state.ToString());
    }

    public Task<long> AppliedAsync(string database, string schema, string queue, Guid[] ids, CancellationToken cancellationToken) =>
        ScalarAsync(database, $"SELECT count(*) FROM {schema}.inbox_messages WHERE consumer = @queue AND customer_id = ANY(@ids)", cancellationToken,
            ("queue", queue), ("ids", ids));

    /// <summary>The events of these customers still unsent in the customers service's outbox.</summary>
    public Task<long> UnsentAsync(Guid[] ids, CancellationToken cancellationToken) =>
        ScalarAsync(ResourceNames.CustomersDb, "SELECT count(*) FROM customers.outbox_messages WHERE sent_at IS NULL AND customer_id = ANY(@ids)",
            cancellationToken, ("ids", ids));

    /// <summary>Exactly once, in order, everywhere: see the class summary. <paramref name="country"/> must be used by these customers alone.</summary>
    public async Task AssertExactlyOnceAsync(IReadOnlyCollection<Guid> customers, string country, CancellationToken cancellationToken)
    {
        var ids = customers.ToArray();
        var published = await EventsAsync(ResourceNames.CustomersDb,
            "SELECT message_id, customer_id, sequence FROM customers.outbox_messages WHERE customer_id = ANY(@ids) ORDER BY position", ids, cancellationToken);
        published.Count.ShouldBe(ids.Length, "outbox rows of the created customers (one CustomerRegistered each)");
        published.Select(e => e.CustomerId).Distinct().Count().ShouldBe(ids.Length, "customers with an outbox row");
        AssertEachStreamIsOneToK(published, "customers outbox (by position)");
        (await ScalarAsync(ResourceNames.CustomersDb, "SELECT count(*) FROM customers.outbox_messages WHERE sent_at IS NULL", cancellationToken))
            .ShouldBe(0, "unsent rows in the customers outbox");
        var sequenceOf = published.ToDictionary(e => e.MessageId, e => e.Sequence);

        foreach (var (schema, database, queue) in Consumers)
        {
            (await ScalarAsync(database, $"SELECT count(*) FROM {schema}.customers WHERE id = ANY(@ids)", cancellationToken, ("ids", ids)))
                .ShouldBe(ids.Length, $"rows in {schema}.customers for the created customers");

            var applied = await EventsAsync(database,
                $"SELECT message_id, customer_id, sequence FROM {schema}.inbox_messages WHERE consumer = '{queue}' AND customer_id = ANY(@ids) ORDER BY position",
                ids, cancellationToken);
            applied.Count.ShouldBe(published.Count, $"{schema} inbox records of the created customers");
            applied.Select(e => e.MessageId).Distinct().Count().ShouldBe(published.Count, $"distinct message ids in the {schema} inbox");
            var missing = sequenceOf.Keys.Except(applied.Select(e => e.MessageId)).Take(5).ToList();
            missing.ShouldBeEmpty($"published events never applied by {schema} (first 5)");
            var renumbered = applied.Where(e => sequenceOf[e.MessageId] != e.Sequence).Take(5).ToList();
            renumbered.ShouldBeEmpty($"{schema} applied events under another sequence than published (first 5)");
            AssertEachStreamIsOneToK(applied, $"{schema} inbox (by apply order)");

            (await ScalarAsync(database, $"SELECT count(*) FROM {schema}.deferred_messages", cancellationToken))
                .ShouldBe(0, $"events still waiting in {schema}.deferred_messages");
            (await QueueDepthAsync(queue + "_error", cancellationToken)).ShouldBe(0, $"messages in {queue}_error");
        }

        // Not idempotent by itself: a second apply of any event would count a customer twice.
        (await ScalarAsync(ResourceNames.AnalyticsDb, "SELECT coalesce(sum(customers), 0) FROM analytics.country_totals WHERE country = @country",
                cancellationToken, ("country", country)))
            .ShouldBe(ids.Length, $"analytics.country_totals for {country}");
    }

    /// <summary>Per customer, in the order given, sequences 1, 2, … k: no gap, no repeat, no inversion.</summary>
    private static void AssertEachStreamIsOneToK(List<Event> events, string where)
    {
        var broken = events.GroupBy(e => e.CustomerId)
            .Where(stream => !stream.Select(e => e.Sequence).SequenceEqual(Enumerable.Range(1, stream.Count()).Select(n => (long)n)))
            .Take(5)
            .Select(stream => $"{stream.Key}: [{string.Join(", ", stream.Select(e => e.Sequence))}]")
            .ToList();
        broken.ShouldBeEmpty($"customers whose events in the {where} are not 1..k (first 5)");
    }

    private async Task<List<Event>> EventsAsync(string database, string sql, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(database, cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<Event>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new Event(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2)));
        }

        return events;
    }

    private async Task<long> ScalarAsync(string database, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(database, cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task<NpgsqlConnection> OpenAsync(string database, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(suite.ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Ready messages in a queue; a queue that does not exist holds none.</summary>
    private async Task<long> QueueDepthAsync(string queue, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(suite.ConnectionString(ResourceNames.RabbitMq)) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    private sealed record Event(Guid MessageId, Guid CustomerId, long Sequence);
}
