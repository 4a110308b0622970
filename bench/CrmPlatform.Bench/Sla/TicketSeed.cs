using System.Diagnostics;
using Npgsql;

namespace CrmPlatform.Bench.Sla;

/// <summary>Which tickets have an SLA moment (a warning or a due time) not yet published at the sweep's "now".</summary>
/// <param name="Name">The case's name on the command line (--cases).</param>
/// <param name="Every">Every n-th ticket is due (0: none, 100: 1%, 1: all).</param>
/// <param name="WindowSeconds">How long before "now" the due moments fell (the sweep's 15 s interval; an outage).</param>
internal sealed record DueShare(string Name, int Every, int WindowSeconds);

/// <summary>
/// Open tickets with the SLA columns the service would have written, set-based (one INSERT … SELECT over
/// generate_series, every choice a deterministic hash of the row number). A 24x7 UTC calendar makes
/// business time wall time, so the due and warning times are the opening time plus the targets, exactly
/// what <c>SlaEngine.Recompute</c> stores for it.
/// <para>
/// Each ticket is at one stage k of its clock: the next unpublished moment is the first-response warning
/// (k=0), the first-response due time (1), the resolution warning (2) or the resolution due time (3);
/// the moments before it are in the past and marked published (or, for the first response, answered in
/// time by 85% of tickets past it), the next one is <c>sla_next_check_at</c>. A ticket that is not due
/// has it between 1 s after "now" and the gap to the previous moment; a due one up to
/// <see cref="DueShare.WindowSeconds"/> before "now" (then a later moment may have passed too).
/// </para>
/// </summary>
internal static class TicketSeed
{
    public const string Tickets = "service_desk.tickets";

    /// <summary>The policy's targets per priority in minutes (first response, resolution), warning at 80%.</summary>
    public static readonly (string Priority, int FirstResponse, int Resolution)[] Targets =
    [
        ("Low", 480, 7200), ("Normal", 240, 4320), ("High", 60, 1440), ("Urgent", 30, 480),
    ];

    public static async Task SeedCustomersAsync(NpgsqlConnection connection, int customers)
    {
        await ExecuteAsync(connection, $"""
            INSERT INTO service_desk.customers (id, legal_name, country, is_strategic, segments)
            SELECT md5('customer-' || n)::uuid, 'Cliente ' || n || ' Ltda', 'BR', n % 20 = 0, ARRAY['retail']
            FROM generate_series(0, {customers - 1}) AS g(n)
            """);
    }

    /// <summary>Empties tickets and outbox, inserts <paramref name="count"/> tickets, VACUUM ANALYZE, CHECKPOINT.</summary>
    public static async Task<TimeSpan> ResetAsync(
        NpgsqlConnection connection, int count, int customers, DateTimeOffset now, DueShare due, Guid policyId, Guid calendarId)
    {
        var clock = Stopwatch.StartNew();
        await ExecuteAsync(connection, $"TRUNCATE {Tickets}, service_desk.outbox_messages, service_desk.outbox_streams");
        await using (var insert = new NpgsqlCommand(InsertSql, connection) { CommandTimeout = 0 })
        {
            insert.Parameters.AddWithValue("count", (long)count);
            insert.Parameters.AddWithValue("customers", (long)customers);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("due_every", (long)due.Every);
            insert.Parameters.AddWithValue("window_ms", Math.Max(1L, due.WindowSeconds * 1000L));
            insert.Parameters.AddWithValue("policy", policyId);
            insert.Parameters.AddWithValue("calendar", calendarId);
            await insert.ExecuteNonQueryAsync();
        }

        await ExecuteAsync(connection, $"VACUUM (ANALYZE) {Tickets}");
        await ExecuteAsync(connection, "VACUUM (ANALYZE) service_desk.outbox_messages");
        await ExecuteAsync(connection, "VACUUM (ANALYZE) service_desk.outbox_streams");
        await ExecuteAsync(connection, "CHECKPOINT");
        return clock.Elapsed;
    }

    /// <summary>Layer t: the row's choices; layer m: the times; the outer select: the row.</summary>
    private static readonly string InsertSql = $"""
        INSERT INTO {Tickets} (id, customer_id, type, channel, priority, subject, description, queue, assignee_id, tags, status,
            opened_at, opened_by, first_responded_at, reopen_count,
            sla_policy_id, sla_calendar_id, sla_first_response_minutes, sla_resolution_minutes, sla_warning_percent, sla_paused_seconds,
            sla_first_response_due_at, sla_first_response_warn_at, sla_resolution_due_at, sla_resolution_warn_at,
            sla_first_response_warned_at, sla_first_response_breached_at, sla_resolution_warned_at, sla_resolution_breached_at,
            sla_next_check_at, version)
        SELECT md5('ticket-' || i)::uuid, md5('customer-' || (h4 % @customers))::uuid,
            (ARRAY['Complaint', 'Request', 'Suggestion', 'Question', 'Incident'])[1 + h5 % 5],
            (ARRAY['Phone', 'Email', 'WebForm', 'Chat', 'SocialNetwork', 'InPerson', 'ConsumerAgency'])[1 + h6 % 7],
            priority, 'Ticket ' || i || ': pedido não entregue no prazo',
            'O cliente relata que o pedido ' || (h7 % 1000000) || ' não foi entregue na data combinada e pede uma posição.',
            (ARRAY['general', 'billing', 'technical', 'complaints'])[1 + h8 % 4],
            CASE WHEN responded OR k >= 1 THEN 'agent-' || lpad((h9 % 40)::text, 2, '0') END,
            CASE WHEN h10 % 3 = 0 THEN ARRAY['delivery'] ELSE ARRAY[]::text[] END,
            CASE WHEN responded OR k >= 1 THEN 'Open' ELSE 'New' END,
            opened, 'bench', CASE WHEN responded THEN opened + fr * 0.5 END, 0,
            @policy, @calendar, fr_min, res_min, 80, 0,
            opened + fr, opened + fr * 0.8, opened + res, opened + res * 0.8,
            CASE WHEN k = 1 OR (k >= 2 AND NOT responded) THEN opened + fr * 0.8 END,
            CASE WHEN k >= 2 AND NOT responded THEN opened + fr END,
            CASE WHEN k = 3 THEN opened + res * 0.8 END,
            NULL,
            opened + offset_k,
            1
        FROM (
            SELECT t.*, @now::timestamptz + d - offset_k AS opened
            FROM (
                SELECT t.*,
                    CASE WHEN due THEN -(h11 % @window_ms) * interval '1 millisecond'
                        ELSE (1000 + h11 % (extract(epoch FROM gap)::bigint * 1000 - 1000)) * interval '1 millisecond' END AS d
                FROM (
                    SELECT t.*,
                        CASE k WHEN 0 THEN fr * 0.8 WHEN 1 THEN fr WHEN 2 THEN res * 0.8 ELSE res END AS offset_k,
                        CASE k WHEN 0 THEN fr * 0.8 WHEN 1 THEN fr * 0.2 WHEN 2 THEN res * 0.8 - fr ELSE res * 0.2 END AS gap
                    FROM (
                        SELECT t.*, fr_min * interval '1 minute' AS fr, res_min * interval '1 minute' AS res
                        FROM (
                            SELECT t.*,
                                CASE priority {string.Join(" ", Targets.Select(p => $"WHEN '{p.Priority}' THEN {p.FirstResponse}"))} END AS fr_min,
                                CASE priority {string.Join(" ", Targets.Select(p => $"WHEN '{p.Priority}' THEN {p.Resolution}"))} END AS res_min
                            FROM (
                                SELECT i,
                                    CASE WHEN h1 % 100 < 20 THEN 'Low' WHEN h1 % 100 < 70 THEN 'Normal' WHEN h1 % 100 < 92 THEN 'High' ELSE 'Urgent' END AS priority,
                                    CASE WHEN h2 % 100 < 25 THEN 0 WHEN h2 % 100 < 35 THEN 1 WHEN h2 % 100 < 85 THEN 2 ELSE 3 END AS k,
                                    h2 % 100 >= 35 AND h3 % 100 < 85 AS responded,
                                    @due_every > 0 AND i % @due_every = 0 AS due,
                                    h4, h5, h6, h7, h8, h9, h10, h11
                                FROM (
                                    SELECT i, {string.Join(", ", Enumerable.Range(1, 11).Select(k => $"pg_temp.h(i, {k}) AS h{k}"))}
                                    FROM generate_series(1, @count) AS g(i)
                                ) AS r
                            ) AS t
                        ) AS t
                    ) AS t
                ) AS t
            ) AS t
        ) AS m
        """;

    public static async Task CreateHashAsync(NpgsqlConnection connection) =>
        await ExecuteAsync(connection, "CREATE FUNCTION pg_temp.h(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT hashint8extended($1, $2) & 9223372036854775807'");

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
