using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace CrmPlatform.ApiBench;

/// <summary>
/// Issue 5 through the gateway: POST /api/interactions closed loop over 50 customers; a customer with
/// 10,000 interactions on its timeline; closed-loop GETs of that timeline's first page and of a page
/// 100 pages deep by cursor, with the plans of both queries as the service sent them (read back from
/// pg_stat_activity); then POST closed loop for that one customer, and how its outbox drains.
/// </summary>
public static partial class InteractionsScenario
{
    private const int PostCustomers = 50;
    private const int TimelineInteractions = 10_000;
    private const int PageSize = 50;
    private const int DeepPage = 100;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Copies the customer's one interaction line <c>@count</c> times, each a minute earlier, with a new interaction id.</summary>
    private const string SeedSql = """
        INSERT INTO interactions.timeline_entries (id, customer_id, occurred_at, kind, source_id, title, detail, data, visible_to)
        SELECT copy.id, t.customer_id, t.occurred_at - make_interval(mins => copy.n), t.kind, copy.id::text, t.title, t.detail,
               jsonb_set(t.data, '{interactionId}', to_jsonb(copy.id::text)), t.visible_to
        FROM interactions.timeline_entries t
        CROSS JOIN (SELECT n, gen_random_uuid() AS id FROM generate_series(1, @count) n) copy
        WHERE t.customer_id = @customer AND t.kind = 'Interaction'
        """;

    /// <summary>OutboxDispatcher.ClaimAsync's statement for this schema ($1: customers per round, 256 by default; $2: events per customer, 64).</summary>
    private const string ClaimSql = """
        WITH heads AS (
            SELECT o.customer_id, o.sequence
            FROM "interactions".outbox_messages o
            WHERE o.sent_at IS NULL
              AND NOT EXISTS (
                  SELECT 1 FROM "interactions".outbox_messages earlier
                  WHERE earlier.customer_id = o.customer_id AND earlier.sequence < o.sequence AND earlier.sent_at IS NULL)
            ORDER BY o.position
            LIMIT $1
            FOR UPDATE OF o SKIP LOCKED)
        SELECT r.position, r.message_id, r.message_type, r.body::text, r.customer_id, r.sequence, r.occurred_at, r.correlation_id, r.schema_version, r.trace_parent
        FROM heads h
        CROSS JOIN LATERAL (
            SELECT n.* FROM "interactions".outbox_messages n
            WHERE n.customer_id = h.customer_id AND n.sent_at IS NULL AND n.sequence >= h.sequence
            ORDER BY n.sequence
            LIMIT $2) r
        ORDER BY r.customer_id, r.sequence
        """;

    public static async Task RunAsync(HttpClient http, SuiteProcess suite, int seconds, int clients)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var connectionString = suite.DatabaseConnectionString("interactions");
        await using var db = connectionString is null ? null : NpgsqlDataSource.Create(connectionString);
        Console.WriteLine(db is null
            ? "database: not reachable (external server?): no outbox drain, no plans"
            : $"database: interactions, {await ScalarAsync<string>(db, "SELECT version()")}");
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        // 1. Customers; the interactions service knows one once its CustomerRegistered has arrived.
        var clock = Stopwatch.StartNew();
        var customers = new List<Guid>();
        for (var i = 0; i <= PostCustomers; i++)
        {
            customers.Add(await BenchCustomers.RegisterAsync(http, -i - 1) ?? throw new InvalidOperationException("POST /api/customers failed."));
        }

        var registered = clock.Elapsed;
        foreach (var id in customers)
        {
            await WaitUntilKnownAsync(http, id);
        }

        Console.WriteLine(string.Create(Ci, $"{customers.Count} customers registered in {registered.TotalSeconds:F1} s, all known to the interactions service after {clock.Elapsed.TotalSeconds:F1} s"));
        var busy = customers[^1];
        customers.RemoveAt(customers.Count - 1);

        async Task<bool> LogAsync(Guid customer, DateTimeOffset occurredAt)
        {
            var body = string.Create(Ci,
                $$"""{"customerId":"{{customer}}","type":"call","direction":"outbound","occurredAt":"{{occurredAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z","subject":"Bench call","outcome":"positive"}""");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            return await SendAsync(http, request, HttpStatusCode.Created, failures);
        }

        // (client + sequence) spreads the clients over the customers: two clients rarely post for one customer at once.
        Guid Spread(int n) => customers[(n / 1_000_000 + n % 1_000_000) % customers.Count];

        // 2. POST /api/interactions.
        await Load.RunAsync("warm-up", clients, WarmUp, n => LogAsync(Spread(n), DateTimeOffset.UtcNow.AddHours(-1)));
        failures.Clear();
        var post = await MeasureAsync(suite, failures, () =>
            Load.RunAsync($"POST /api/interactions ({customers.Count} customers)", clients, duration, n => LogAsync(Spread(n), DateTimeOffset.UtcNow.AddHours(-1))));
        await DrainOutboxAsync(db);

        // 3. One customer with 10,000 interactions on its timeline, one a minute going back ~7 days.
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        clock.Restart();
        if (db is not null)
        {
            // The first through the API, its timeline line then copied 9,999 times in SQL (new ids, a minute
            // earlier each): logging them all through the API leaves one customer's 10,000 events in the
            // outbox, whose dispatch then shares the cores with the timeline runs for many minutes (step 6).
            if (!await LogAsync(busy, start))
            {
                throw new InvalidOperationException("POST /api/interactions failed.");
            }

            await using var copy = db.CreateCommand(SeedSql);
            copy.Parameters.AddWithValue("customer", busy);
            copy.Parameters.AddWithValue("count", TimelineInteractions - 1);
            var copied = await copy.ExecuteNonQueryAsync();
            await using var analyze = db.CreateCommand("ANALYZE interactions.timeline_entries");
            await analyze.ExecuteNonQueryAsync();
            Console.WriteLine(string.Create(Ci, $"timeline seeded: 1 interaction through the API, {copied:N0} copies of its timeline line in SQL, ANALYZE; {clock.Elapsed.TotalSeconds:F1} s"));
        }
        else
        {
            await SeedThroughApiAsync(suite, clients, failures, i => LogAsync(busy, start.AddMinutes(-i)));
        }

        await DrainOutboxAsync(db);

        // 4. Walk the whole timeline once, page by page: every entry once, and the cursor of page 101.
        var timeline = $"/api/customers/{busy}/timeline?limit={PageSize}";
        var seen = new HashSet<Guid>();
        var walk = new List<double>();
        string? cursor = null, deep = null;
        (string OccurredAt, Guid Id) deepAfter = default;
        int firstPageBytes = 0, deepPageBytes = 0;
        do
        {
            var sent = Stopwatch.GetTimestamp();
            var json = await http.GetStringAsync(cursor is null ? timeline : $"{timeline}&cursor={Uri.EscapeDataString(cursor)}");
            walk.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            using var page = JsonDocument.Parse(json);
            var items = page.RootElement.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                seen.Add(item.GetProperty("id").GetGuid());
            }

            if (walk.Count == 1)
            {
                firstPageBytes = Encoding.UTF8.GetByteCount(json);
            }
            else if (walk.Count == DeepPage + 1)
            {
                deepPageBytes = Encoding.UTF8.GetByteCount(json);
            }

            if (walk.Count == DeepPage)
            {
                var last = items[items.GetArrayLength() - 1];
                deepAfter = (last.GetProperty("occurredAt").GetString()!, last.GetProperty("id").GetGuid());
            }

            cursor = page.RootElement.GetProperty("nextCursor").GetString();
            if (walk.Count == DeepPage)
            {
                deep = cursor;
            }
        }
        while (cursor is not null);

        var walked = walk.Order().ToArray();
        Console.WriteLine(string.Create(Ci,
            $"timeline walk, 1 client: {walk.Count} pages of {PageSize}, {seen.Count} distinct entries (expected {TimelineInteractions + 1}: the interactions and 'registered'), p50 {At(walked, 0.50):F1} ms, p99 {At(walked, 0.99):F1} ms, max {walked[^1]:F1} ms; page 1 {firstPageBytes:N0} bytes, page {DeepPage + 1} {deepPageBytes:N0} bytes"));
        if (deep is null)
        {
            throw new InvalidOperationException($"The timeline has fewer than {DeepPage + 1} pages.");
        }

        // 5. The first page and page 101 (its cursor re-sent), each closed loop.
        var deepPath = $"{timeline}&cursor={Uri.EscapeDataString(deep)}";
        Task<bool> GetAsync(string path) => SendAsync(http, new HttpRequestMessage(HttpMethod.Get, path), HttpStatusCode.OK, failures);
        await Load.RunAsync("warm-up", clients, WarmUp, _ => GetAsync(timeline));
        failures.Clear();
        var first = await MeasureAsync(suite, failures, () =>
            Load.RunAsync($"GET /api/customers/{{id}}/timeline?limit={PageSize} (first page of {seen.Count:N0})", clients, duration, _ => GetAsync(timeline)));
        var firstSql = await LastTimelineQueryAsync(db, withCursor: false);
        await Load.RunAsync("warm-up", clients, WarmUp, _ => GetAsync(deepPath));
        failures.Clear();
        var deepRun = await MeasureAsync(suite, failures, () =>
            Load.RunAsync($"GET /api/customers/{{id}}/timeline?limit={PageSize}&cursor=… (page {DeepPage + 1})", clients, duration, _ => GetAsync(deepPath)));
        var deepSql = await LastTimelineQueryAsync(db, withCursor: true);
        if (db is not null)
        {
            // The plans of the two queries the service ran, with the values it sent.
            await PrintTableAsync(db);
            await ExplainTimelineAsync(db, "first page", firstSql, busy, null);
            await ExplainTimelineAsync(db, $"page {DeepPage + 1}", deepSql, busy, deepAfter);
        }

        // 6. Every client logging for the one busy customer: its events go into one outbox stream.
        Console.WriteLine();
        failures.Clear();
        var hot = await MeasureAsync(suite, failures, () =>
            Load.RunAsync("POST /api/interactions (one customer)", clients, duration, _ => LogAsync(busy, DateTimeOffset.UtcNow.AddHours(-1))));
        if (db is not null)
        {
            await WatchOutboxAsync(suite, db, TimeSpan.FromSeconds(30));
        }

        Console.WriteLine();
        Console.WriteLine("## Summary");
        foreach (var result in new[] { post, first, deepRun, hot })
        {
            Console.WriteLine(Load.Describe(result));
        }
    }

    /// <summary>Without database access: all 10,000 through the API, <paramref name="clients"/> at a time, each retried up to 5 times.</summary>
    private static async Task SeedThroughApiAsync(SuiteProcess suite, int clients, ConcurrentDictionary<string, int> failures, Func<int, Task<bool>> log)
    {
        var next = -1;
        var latencies = new ConcurrentBag<double>();
        var before = CpuUse.Take(suite.ProcessId);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < TimelineInteractions;)
            {
                for (var attempt = 1; ; attempt++)
                {
                    var sent = Stopwatch.GetTimestamp();
                    var ok = await log(i);
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (ok)
                    {
                        break;
                    }

                    if (attempt == 5)
                    {
                        throw new InvalidOperationException($"Interaction {i} of the busy customer failed 5 times.");
                    }
                }
            }
        }));
        var sorted = latencies.Order().ToArray();
        Console.WriteLine(string.Create(Ci,
            $"timeline seeded through the API ({TimelineInteractions:N0} interactions, one customer): {clients} clients, {clock.Elapsed.TotalSeconds:F1} s, {TimelineInteractions / clock.Elapsed.TotalSeconds:F0} req/s, failed (retried) {sorted.Length - TimelineInteractions}, p50 {At(sorted, 0.50):F1} ms, p99 {At(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms"));
        Console.WriteLine($"  cores: {CpuUse.Describe(before, CpuUse.Take(suite.ProcessId))}");
        PrintFailures(failures);
    }

    private static async Task<bool> SendAsync(HttpClient http, HttpRequestMessage request, HttpStatusCode expected, ConcurrentDictionary<string, int> failures)
    {
        using var _ = request;
        try
        {
            using var response = await http.SendAsync(request);
            if (response.StatusCode == expected)
            {
                return true;
            }

            var body = await response.Content.ReadAsStringAsync();
            failures.AddOrUpdate($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}", 1, (_, n) => n + 1);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failures.AddOrUpdate($"{e.GetType().Name}: {e.Message}", 1, (_, n) => n + 1);
            return false;
        }
    }

    private static async Task<Load.Result> MeasureAsync(SuiteProcess suite, ConcurrentDictionary<string, int> failures, Func<Task<Load.Result>> run)
    {
        var before = CpuUse.Take(suite.ProcessId);
        var result = await run();
        var after = CpuUse.Take(suite.ProcessId);
        Console.WriteLine(Load.Describe(result));
        Console.WriteLine($"  cores: {CpuUse.Describe(before, after)}");
        Console.WriteLine($"  load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        PrintFailures(failures);
        return result;
    }

    private static void PrintFailures(ConcurrentDictionary<string, int> failures)
    {
        foreach (var (failure, count) in failures.OrderByDescending(f => f.Value).Take(5))
        {
            Console.WriteLine(string.Create(Ci, $"  failed {count}×: {failure}"));
        }
    }

    private static double At(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    /// <summary>Until GET …/timeline answers 200 (404 while the service has not heard of the customer).</summary>
    private static async Task WaitUntilKnownAsync(HttpClient http, Guid id)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync($"/api/customers/{id}/timeline?limit=1");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (response.StatusCode != HttpStatusCode.NotFound || deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException($"Customer {id} did not reach the interactions service: {(int)response.StatusCode}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the dispatcher has published every interaction event, so the next run does not share the cores with it.</summary>
    private static async Task DrainOutboxAsync(NpgsqlDataSource? db)
    {
        if (db is null)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        long unsent, first = -1;
        while ((unsent = await ScalarAsync<long>(db, "SELECT count(*) FROM interactions.outbox_messages WHERE sent_at IS NULL")) > 0 && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            first = first < 0 ? unsent : first;
            await Task.Delay(250);
        }

        Console.WriteLine(string.Create(Ci, $"  outbox: {Math.Max(first, 0)} unsent after the run, {unsent} after {clock.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>The text of the timeline query as the service sent it: the last statement of an idle pooled connection.</summary>
    private static async Task<string?> LastTimelineQueryAsync(NpgsqlDataSource? db, bool withCursor)
    {
        if (db is null)
        {
            return null;
        }

        await using var command = db.CreateCommand(
            "SELECT DISTINCT query FROM pg_stat_activity WHERE datname = 'interactions' AND query LIKE '%FROM interactions.timeline_entries%' AND query LIKE '%LIMIT%' AND query NOT LIKE '%pg_stat_activity%'");
        await using var reader = await command.ExecuteReaderAsync();
        var queries = new List<string>();
        while (await reader.ReadAsync())
        {
            queries.Add(reader.GetString(0));
        }

        // The first page binds the customer, the departments and the limit; a cursor adds (occurred_at, id).
        return queries.FirstOrDefault(q => (Parameter().Matches(q).Select(m => m.Value).Distinct(StringComparer.Ordinal).Count() > 3) == withCursor);
    }

    private static async Task PrintTableAsync(NpgsqlDataSource db)
    {
        Console.WriteLine();
        Console.WriteLine("## interactions.timeline_entries");
        await using var command = db.CreateCommand("""
            SELECT 'rows ' || (SELECT count(*) FROM interactions.timeline_entries) || ', n_live_tup ' || n_live_tup
                   || ', last autoanalyze ' || coalesce(last_autoanalyze::text, 'never') || ', last autovacuum ' || coalesce(last_autovacuum::text, 'never')
            FROM pg_stat_user_tables WHERE schemaname = 'interactions' AND relname = 'timeline_entries'
            UNION ALL
            SELECT indexdef FROM pg_indexes WHERE schemaname = 'interactions' AND tablename = 'timeline_entries'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine(reader.GetString(0));
        }
    }

    /// <summary>
    /// How fast the dispatcher empties one customer's backlog, what that costs, and the plan of its
    /// claim (the statement of OutboxDispatcher.ClaimAsync, run as it runs there).
    /// </summary>
    private static async Task WatchOutboxAsync(SuiteProcess suite, NpgsqlDataSource db, TimeSpan period)
    {
        const string Unsent = "SELECT count(*) FROM interactions.outbox_messages WHERE sent_at IS NULL";
        var before = CpuUse.Take(suite.ProcessId);
        var samples = new List<long> { await ScalarAsync<long>(db, Unsent) };
        var step = TimeSpan.FromSeconds(5);
        for (var waited = TimeSpan.Zero; waited < period; waited += step)
        {
            await Task.Delay(step);
            samples.Add(await ScalarAsync<long>(db, Unsent));
        }

        Console.WriteLine(string.Create(Ci,
            $"  outbox unsent, every {step.TotalSeconds:F0} s from the end of the run: {string.Join(", ", samples.Select(n => n.ToString("N0", Ci)))}: {(samples[0] - samples[^1]) / period.TotalSeconds:F1} events/s published"));
        Console.WriteLine($"  cores meanwhile (no requests): {CpuUse.Describe(before, CpuUse.Take(suite.ProcessId))}");
        Console.WriteLine();
        Console.WriteLine("## Plan: outbox claim (OutboxDispatcher.ClaimAsync) with that backlog");
        await ExplainPreparedAsync(db, ClaimSql, ["256", "64"]);
    }

    /// <summary>The timeline statement the service sent, with the values of this run for its parameters.</summary>
    private static async Task ExplainTimelineAsync(NpgsqlDataSource db, string name, string? sql, Guid customer, (string OccurredAt, Guid Id)? after)
    {
        Console.WriteLine();
        Console.WriteLine($"## Plan: timeline, {name}");
        if (sql is null)
        {
            Console.WriteLine("(the statement was not found in pg_stat_activity)");
            return;
        }

        var values = new Dictionary<int, string>();
        void Bind(Match match, params string[] literals)
        {
            for (var i = 0; i < literals.Length && match.Success; i++)
            {
                values[int.Parse(match.Groups[i + 1].Value, Ci)] = literals[i];
            }
        }

        Bind(CustomerParameter().Match(sql), $"'{customer}'::uuid");
        Bind(VisibleParameter().Match(sql), "31");
        Bind(LimitParameter().Match(sql), (PageSize + 1).ToString(Ci));
        if (after is { } last)
        {
            Bind(CursorParameters().Match(sql), $"'{last.OccurredAt}'::timestamptz", $"'{last.Id}'::uuid");
        }

        var count = Parameter().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal).Count();
        if (Enumerable.Range(1, count).Any(n => !values.ContainsKey(n)))
        {
            Console.WriteLine(sql);
            Console.WriteLine("(a parameter could not be bound: no plan)");
            return;
        }

        await ExplainPreparedAsync(db, sql, [.. Enumerable.Range(1, count).Select(n => values[n])]);
    }

    /// <summary>
    /// EXPLAIN (ANALYZE, BUFFERS) of a statement as the services run theirs: Npgsql prepares a statement
    /// on its second use (MaxAutoPrepare in Integrations/PostgresExtensions), and after five executions
    /// PostgreSQL (plan_cache_mode auto) may keep a generic plan, made without the values, for the rest.
    /// So: prepare, execute six times, say which plan auto settled on and show it, then the other one.
    /// </summary>
    private static async Task ExplainPreparedAsync(NpgsqlDataSource db, string sql, string[] arguments)
    {
        Console.WriteLine(sql);
        Console.WriteLine($"-- with {string.Join(", ", arguments.Select((a, i) => $"${i + 1} = {a}"))}");
        await using var connection = await db.OpenConnectionAsync();
        async Task<List<string>> RunAsync(string statement)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.FieldCount == 1 && reader.GetFieldType(0) == typeof(string) ? reader.GetString(0) : "");
            }

            return lines;
        }

        var execute = $"EXECUTE bench_plan({string.Join(", ", arguments)})";
        await RunAsync($"PREPARE bench_plan AS {sql}");
        try
        {
            for (var i = 0; i < 6; i++)
            {
                await RunAsync(execute);
            }

            var generic = (await RunAsync("SELECT (generic_plans > 0)::text FROM pg_prepared_statements WHERE name = 'bench_plan'"))[0] == "true";
            Console.WriteLine($"-- plan_cache_mode auto, after 6 executions: the {(generic ? "generic" : "custom")} plan");
            foreach (var line in await RunAsync($"EXPLAIN (ANALYZE, BUFFERS) {execute}"))
            {
                Console.WriteLine(line);
            }

            var other = generic ? "force_custom_plan" : "force_generic_plan";
            Console.WriteLine($"-- for comparison, plan_cache_mode {other}:");
            await RunAsync($"SET plan_cache_mode = {other}");
            foreach (var line in await RunAsync($"EXPLAIN (ANALYZE, BUFFERS) {execute}"))
            {
                Console.WriteLine(line);
            }
        }
        finally
        {
            await RunAsync("RESET plan_cache_mode");
            await RunAsync("DEALLOCATE bench_plan");
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"\$\d+")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"customer_id = \$(\d+)")]
    private static partial Regex CustomerParameter();

    [GeneratedRegex(@"visible_to & \$(\d+)")]
    private static partial Regex VisibleParameter();

    [GeneratedRegex(@"LIMIT \$(\d+)")]
    private static partial Regex LimitParameter();

    [GeneratedRegex(@"<\s*\(\$(\d+),\s*\$(\d+)\)")]
    private static partial Regex CursorParameters();
}
