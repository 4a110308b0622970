using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmPlatform.Hosting;
using CrmPlatform.Integrations;
using CrmPlatform.ServiceDesk.Calendars;
using CrmPlatform.ServiceDesk.Infrastructure;
using CrmPlatform.ServiceDesk.Policies;
using CrmPlatform.ServiceDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmPlatform.Bench.Sla;

/// <summary>
/// The service desk's SLA sweep (issue 6: "SLA sweep over 100,000 open tickets ≤ 1 s"): an isolated
/// PostgreSQL with the service desk's database migrated, one 24x7 UTC calendar and one policy, open
/// tickets seeded set-based, then the real <see cref="SlaSweep"/> (from a small service collection, with
/// the service's Npgsql options and a fixed clock) timed over a complete sweep — <c>SweepOnceAsync</c>
/// until it claims less than a batch — with none, 1% and all tickets due, re-seeded before each repetition.
/// </summary>
internal static class SlaBench
{
    private const int Customers = 300;

    private static readonly DueShare[] Shares =
    [
        new("none", 0, 0),
        new("some", 100, 15),
        new("all", 1, 3600),
    ];

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken stop)
    {
        var ci = CultureInfo.InvariantCulture;
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Isolated = true, Output = Console.Error });
        builder.AddPostgres(ResourceNames.Postgres).WithSetting("shared_buffers", options.SharedBuffers)
            .AddDatabase(ResourceNames.ServiceDeskDb, "bench_service_desk");
        await using var app = builder.Build();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            await app.StartAsync(timeout.Token);
        }

        var external = app.Resources.OfType<PostgresServerResource>().Single().IsExternal;
        // As the service connects (PostgresExtensions.WithAutoPrepare): statements prepared after their second use.
        var connectionString = new NpgsqlConnectionStringBuilder(app.GetConnectionString(ResourceNames.ServiceDeskDb))
        {
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        }.ConnectionString;
        Console.WriteLine($"postgres: {(external ? "external (ConnectionStrings__postgres)" : "isolated, started by CrmPlatform.Hosting (fsync=off, synchronous_commit=off)")}");

        var dbOptions = new DbContextOptionsBuilder<ServiceDeskDbContext>();
        PostgresExtensions.Configure(dbOptions, connectionString, ServiceDeskDbContext.Schema);
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Guid policyId;
        Guid calendarId;
        await using (var db = new ServiceDeskDbContext(dbOptions.Options))
        {
            await db.Database.MigrateAsync(stop);
            (policyId, calendarId) = await AddPolicyAsync(db, now, stop);
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var seed = await dataSource.OpenConnectionAsync(stop);
        await TicketSeed.CreateHashAsync(seed);
        await TicketSeed.SeedCustomersAsync(seed, Customers);
        foreach (var setting in new[] { "server_version", "shared_buffers", "work_mem", "random_page_cost", "jit", "fsync", "synchronous_commit" })
        {
            var value = await ScalarAsync(seed, $"SHOW {setting}");
            Console.WriteLine($"postgres {setting}: {value}");
        }

        var meter = new CommandMeter();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        services.Configure<SlaSweepOptions>(o => o.BatchSize = options.SweepBatch);
        // As AddNpgsqlDbContext registers it (pooled, PostgresExtensions.Configure), plus the meter.
        services.AddDbContextPool<ServiceDeskDbContext>(o => PostgresExtensions.Configure(o, connectionString, ServiceDeskDbContext.Schema).AddInterceptors(meter));
        services.AddSingleton<SlaSweep>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var sweep = provider.GetRequiredService<SlaSweep>();

        Console.WriteLine(string.Create(ci, $"now (the sweep's fixed clock): {now:O}; {options.Tickets:N0} open tickets of {Customers} customers; batch {options.SweepBatch}; load {Load()}"));
        Console.WriteLine(string.Create(ci, $"policy targets (first response / resolution, minutes, warning at 80%, breach escalates: priority +1 and queue 'escalations'): {string.Join(", ", TicketSeed.Targets.Select(t => $"{t.Priority} {t.FirstResponse}/{t.Resolution}"))}"));

        // The first sweeps of the process pay for EF's model and query compilation, the JIT (tier 0, then tier 1 in the
        // background) and the connection pool; a running service has paid that long before. So a warm-up first, not counted:
        // a complete sweep over up to 20,000 tickets all due.
        var warmTickets = Math.Min(options.Tickets, 20_000);
        var seedTime = await TicketSeed.ResetAsync(seed, warmTickets, Customers, now, Shares[2], policyId, calendarId);
        var cold = await SweepAsync(sweep, meter, options.SweepBatch, stop);
        Console.WriteLine(string.Create(ci, $"warm-up (not counted): {cold.Claimed:N0} tickets all due swept in {cold.Elapsed.TotalMilliseconds:F0} ms, {cold.Batches} batches; load {Load()}"));
        await Task.Delay(TimeSpan.FromSeconds(2), stop); // lets the background tier-1 compilations finish

        var results = new List<(DueShare Share, SweepResult Result)>();
        foreach (var share in Shares.Where(s => options.SlaCases.Contains(s.Name, StringComparer.OrdinalIgnoreCase)))
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(ci, $"== case {share.Name}: every {(share.Every == 0 ? "no" : share.Every == 1 ? "" : $"{share.Every}th ")}ticket due{(share.Every > 0 ? $" (moments up to {share.WindowSeconds} s old)" : "")}"));
            for (var run = 1; run <= options.Runs; run++)
            {
                stop.ThrowIfCancellationRequested();
                seedTime = await TicketSeed.ResetAsync(seed, options.Tickets, Customers, now, share, policyId, calendarId);
                if (run == 1)
                {
                    var size = await ScalarAsync(seed, $"SELECT pg_size_pretty(pg_table_size('{TicketSeed.Tickets}')) || ', indexes ' || pg_size_pretty(pg_indexes_size('{TicketSeed.Tickets}')) || ', ix_tickets_sla_next_check_at ' || pg_size_pretty(pg_relation_size('service_desk.ix_tickets_sla_next_check_at'))");
                    Console.WriteLine(string.Create(ci, $"seeded {options.Tickets:N0} tickets in {seedTime.TotalSeconds:F1} s; table {size}"));
                }

                var due = (long)(await ScalarAsync(seed, $"SELECT count(*) FROM {TicketSeed.Tickets} WHERE sla_next_check_at <= '{now:O}'"))!;
                if (run == 1)
                {
                    await ExplainAsync(seed, meter, share.Name);
                }

                var result = await SweepAsync(sweep, meter, options.SweepBatch, stop);
                var events = await EventsAsync(seed);
                var left = (long)(await ScalarAsync(seed, $"SELECT count(*) FROM {TicketSeed.Tickets} WHERE sla_next_check_at <= '{now:O}'"))!;
                result = result with { Due = due, Events = events, DueAfter = left };
                var claims = meter.Claims();
                results.Add((share, result));
                Console.WriteLine(string.Create(ci,
                    $"{share.Name} run {run}: {result.Elapsed.TotalMilliseconds:F1} ms, due {due:N0}, claimed {result.Claimed:N0} in {result.Batches} batches, events {events.Values.Sum():N0} ({string.Join(", ", events.Select(e => $"{e.Key} {e.Value:N0}"))}), {result.EventsPerSecond:F0} events/s, due after {left}; "
                    + $"db round trips {string.Join(", ", result.Commands.Select(c => $"{c.Key} {c.Value.Count} ({c.Value.Ms:F0} ms)"))}, outside the database {result.OutsideDbMs:F0} ms; "
                    + $"cores {string.Join(", ", result.Cores.Where(c => !c.Key.Contains('/', StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:F2}"))}; seed {seedTime.TotalSeconds:F1} s; load {Load()}"));
                if (claims.Count >= 20)
                {
                    var tenth = claims.Count / 10;
                    Console.WriteLine(string.Create(ci,
                        $"  claim ms per tenth of the batches (mean): {string.Join(" ", Enumerable.Range(0, 10).Select(k => claims.Skip(k * tenth).Take(tenth).Average().ToString("F1", ci)))}"));
                }

                if (options.OutFile is { } file)
                {
                    var line = JsonSerializer.Serialize(new
                    {
                        Case = share.Name, Run = run, Ms = result.Elapsed.TotalMilliseconds, Due = due, result.Claimed, result.Batches,
                        Events = events, result.EventsPerSecond, DueAfter = left, Commands = result.Commands.ToDictionary(c => c.Key, c => new { c.Value.Count, c.Value.Ms }),
                        result.Cores, Load = Load(),
                    });
                    await File.AppendAllTextAsync(file, line + "\n", CancellationToken.None);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(ci, $"=== SLA sweep over {options.Tickets:N0} open tickets, batch {options.SweepBatch}, {options.Runs} runs per case (ms: min / median / max)"));
        Console.WriteLine("| case | due | claimed | batches | events | min ms | median ms | max ms | events/s (median) | ≤ 1 s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Share.Name, StringComparer.Ordinal))
        {
            var ms = group.Select(r => r.Result.Elapsed.TotalMilliseconds).Order().ToList();
            var median = Fit.Median(ms);
            var first = group.First().Result;
            Console.WriteLine(string.Create(ci,
                $"| {group.Key} | {first.Due:N0} | {first.Claimed:N0} | {first.Batches} | {first.Events.Values.Sum():N0} | {ms[0]:F1} | {median:F1} | {ms[^1]:F1} | {Fit.Median(group.Select(r => r.Result.EventsPerSecond)):F0} | {(ms[^1] <= 1000 ? "met" : median <= 1000 ? "median met" : "NOT MET")} |"));
        }

        return 0;
    }

    private static async Task<(Guid Policy, Guid Calendar)> AddPolicyAsync(ServiceDeskDbContext db, DateTimeOffset now, CancellationToken stop)
    {
        var calendar = new BusinessCalendar
        {
            Id = Guid.CreateVersion7(),
            Name = "24x7 UTC",
            TimeZone = "UTC",
            Hours = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => new List<WorkingInterval> { new(0, 1440) }),
            CreatedAt = now,
        };
        var policy = new SlaPolicy
        {
            Id = Guid.CreateVersion7(),
            Name = "Default",
            CalendarId = calendar.Id,
            Targets = TicketSeed.Targets.ToDictionary(t => Enum.Parse<TicketPriority>(t.Priority), t => new SlaTarget(t.FirstResponse, t.Resolution)),
            WarningPercent = 80,
            EscalateRaisesPriority = true,
            EscalateToQueue = "escalations",
            CreatedAt = now,
        };
        db.Calendars.Add(calendar);
        db.SlaPolicies.Add(policy);
        await db.SaveChangesAsync(stop);
        return (policy.Id, calendar.Id);
    }

    private static async Task<SweepResult> SweepAsync(SlaSweep sweep, CommandMeter meter, int batchSize, CancellationToken stop)
    {
        meter.Reset();
        var cpuFrom = CpuMeter.Take(0);
        var clock = Stopwatch.StartNew();
        var batches = 0;
        var claimed = 0;
        int last;
        do
        {
            last = await sweep.SweepOnceAsync(stop);
            batches++;
            claimed += last;
        }
        while (last >= batchSize);

        var elapsed = clock.Elapsed;
        var cores = CpuMeter.CoresUsed(cpuFrom, CpuMeter.Take(elapsed.TotalSeconds));
        return new SweepResult(elapsed, batches, claimed, meter.Snapshot(), cores);
    }

    /// <summary>The claim exactly as EF sent it, explained in a transaction that is rolled back (ANALYZE takes the row locks).</summary>
    private static async Task ExplainAsync(NpgsqlConnection connection, CommandMeter meter, string name)
    {
        if (meter.Claim is not { } claim)
        {
            Console.WriteLine("no claim captured to explain");
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + claim.Sql, connection, transaction);
        foreach (var (parameter, value) in claim.Parameters)
        {
            explain.Parameters.Add(new NpgsqlParameter(parameter, value));
        }

        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Append("    ").AppendLine(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        Console.WriteLine($"claim query ({name}), parameters {string.Join(", ", claim.Parameters.Select(p => $"{p.Name}={p.Value}"))}:");
        Console.WriteLine("    " + claim.Sql.ReplaceLineEndings("\n    "));
        Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS), case {name}:");
        Console.Write(plan.ToString());
    }

    private static async Task<SortedDictionary<string, long>> EventsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT split_part(message_type, ':', -1), count(*) FROM service_desk.outbox_messages GROUP BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }

        return result;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteScalarAsync();
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal sealed record SweepResult(
    TimeSpan Elapsed, int Batches, int Claimed, IReadOnlyDictionary<string, (int Count, double Ms)> Commands, IReadOnlyDictionary<string, double> Cores)
{
    public long Due { get; init; }
    public long DueAfter { get; init; }
    public SortedDictionary<string, long> Events { get; init; } = new(StringComparer.Ordinal);

    public double EventsPerSecond => Events.Values.Sum() / Elapsed.TotalSeconds;

    public double OutsideDbMs => Elapsed.TotalMilliseconds - Commands.Values.Sum(c => c.Ms);
}
