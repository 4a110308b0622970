using System.Diagnostics;
using Npgsql;

namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// The analytics scenario (issue 7: "with 1M customers and 10M purchases on 2 cores: purchase ingestion ≥ 100,000 rows/s
/// on the bulk path; one customer's value profile p99 ≤ 5 ms; portfolio views and KPIs p99 ≤ 50 ms; a full RFM recompute
/// ≤ 5 s; a BG/NBD + Gamma-Gamma fit over 100,000 customers ≤ 10 s"). Servers and the service up, customers seeded, the
/// purchases generated and loaded through the CSV bulk path, then the RFM recompute, the model fits, the value profile and
/// the portfolio views and KPIs, in that order: each step needs the data of the one before.
/// </summary>
internal static class AnalyticsBench
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken stop)
    {
        var report = new AnalyticsReport(options.OutFile);
        var scale = FormattableString.Invariant($"{options.Customers:N0} customers, {options.Purchases:N0} purchases");
        await using var servers = await AnalyticsServers.StartAsync(options.SharedBuffers, options.ExplainSlowMs);
        await using var dataSource = NpgsqlDataSource.Create(servers.AnalyticsConnectionString);
        report.Line($"postgres: {(servers.PostgresExternal ? "external (ConnectionStrings__postgres)" : "isolated, started by CrmPlatform.Hosting (fsync=off, synchronous_commit=off)")}");
        foreach (var setting in new[] { "server_version", "shared_buffers", "work_mem", "effective_cache_size", "jit", "max_parallel_workers_per_gather", "fsync", "synchronous_commit" })
        {
            report.Line($"postgres {setting}: {await ScalarAsync(dataSource, $"SHOW {setting}")}");
        }

        report.Line($"service: {servers.Service}, gateway: {servers.Gateway}; the service's periodic RFM job is pushed out of the run (Analytics:Value:RfmInterval = 1 day)");
        report.Line($"load average at start: {AnalyticsReport.Load()}");

        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var roster = CustomerRoster.Generate(options.Customers, options.DataSeed, now);
        await SeedAsync(dataSource, roster, report, stop);

        var plan = PurchasePlan.Build(roster, options.Purchases, options.DataSeed);
        await IngestAsync(options, servers, dataSource, roster, plan, report, stop);

        await RfmAsync(servers, dataSource, options.OutboxWaitSeconds, report, stop);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await FitAsync(options, servers, dataSource, today, report, stop);

        await AnalyticsReads.ProfileAsync(options, servers, roster, report, stop);
        await AnalyticsReads.ViewsAsync(options, servers, today, report, stop);

        await BackgroundFitsAsync(dataSource, report, stop);
        if (options.ExplainSlowMs > 0)
        {
            await SlowPlans.PrintAsync(servers.PostgresLog, options.ExplainSlowMs, Console.Out);
        }

        report.Line($"load average at the end: {AnalyticsReport.Load()}");
        report.PrintTargets(scale);
        return 0;
    }

    private static async Task SeedAsync(NpgsqlDataSource dataSource, CustomerRoster roster, AnalyticsReport report, CancellationToken stop)
    {
        report.Section("seed: customers");
        var existing = (long)(await ScalarAsync(dataSource, "SELECT count(*) FROM analytics.customers"))!;
        if (existing > 0)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"analytics.customers already has {existing:N0} rows; the scenario needs an empty database."));
        }

        var elapsed = await AnalyticsCustomerSeed.SeedAsync(dataSource, roster, stop);
        var stages = string.Join(", ", roster.Customers.GroupBy(c => c.Stage).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count() * 100.0 / roster.Customers.Count:F0}%"));
        report.Line($"{roster.Customers.Count:N0} customers written straight into analytics.customers (binary COPY) and analytics.relationships in {elapsed.TotalSeconds:F1} s");
        report.Line($"  (in production analytics learns each customer from CustomerRegistered; the bench fills the tables that handler fills)");
        report.Line($"  registered over the last 3 years (growing), stages: {stages}; table {await ScalarAsync(dataSource, "SELECT pg_size_pretty(pg_total_relation_size('analytics.customers'))")}");
        await report.RecordAsync("seed", new { roster.Customers.Count, Seconds = elapsed.TotalSeconds });
    }

    private static async Task IngestAsync(BenchOptions options, AnalyticsServers servers, NpgsqlDataSource dataSource, CustomerRoster roster,
        PurchasePlan plan, AnalyticsReport report, CancellationToken stop)
    {
        report.Section(FormattableString.Invariant($"ingestion: {options.Purchases:N0} purchases as CSV, {options.ChunkRows:N0} rows per request, POST /api/analytics/purchases/history straight at the service"));
        report.Line($"purchases per customer: {plan.Describe()}; buyers {plan.Buyers:N0} (leads and prospects have not bought)");
        var generator = new PurchaseCsvGenerator(roster, plan, options.DataSeed);
        var clock = Stopwatch.StartNew();
        var cpuFrom = CpuMeter.Take(0);
        var chunks = await PurchaseIngestion.RunAsync(servers.Service, generator, options.Purchases, options.ChunkRows, Console.Out, stop);
        var wall = clock.Elapsed.TotalSeconds;
        var cores = CpuMeter.CoresUsed(cpuFrom, CpuMeter.Take(wall));
        foreach (var chunk in chunks)
        {
            await report.RecordAsync("ingestion-chunk", chunk);
        }

        var rows = chunks.Sum(c => c.Rows);
        var rate = rows / wall;
        var rates = chunks.Select(c => c.RowsPerSecond).ToList();
        report.Line($"overall: {rows:N0} rows, {chunks.Sum(c => c.Bytes) / 1048576.0:F0} MiB in {wall:F1} s = {rate:N0} rows/s (per request: first {rates[0]:N0}, min {rates.Min():N0}, max {rates.Max():N0}, last {rates[^1]:N0} rows/s); all accepted");
        report.Line($"cores during the load: {PurchaseIngestion.Cores(cores)} (the bench generates the CSV on the fly: its share is the client's)");
        await report.RecordAsync("ingestion", new { Rows = rows, Seconds = wall, RowsPerSecond = rate, Chunks = chunks.Count, options.ChunkRows, Cores = cores });
        report.Target("purchase ingestion ≥ 100,000 rows/s (bulk path)", $"{rate:N0} rows/s overall, {rates.Min():N0}–{rates.Max():N0} per request", rate >= 100_000);

        // Autovacuum would analyse the new rows a little later; the reads below should not be planned on empty-table statistics.
        var analyze = Stopwatch.StartNew();
        foreach (var table in new[] { "purchases", "customer_values" })
        {
            await ScalarAsync(dataSource, $"VACUUM (ANALYZE) analytics.{table}");
        }

        report.Line($"VACUUM (ANALYZE) of purchases and customer_values: {analyze.Elapsed.TotalSeconds:F1} s (not counted); sizes: purchases {await ScalarAsync(dataSource, "SELECT pg_size_pretty(pg_table_size('analytics.purchases')) || ' + indexes ' || pg_size_pretty(pg_indexes_size('analytics.purchases'))")}, customer_values {await ScalarAsync(dataSource, "SELECT pg_size_pretty(pg_total_relation_size('analytics.customer_values'))")} ({await ScalarAsync(dataSource, "SELECT count(*) FROM analytics.customer_values"):N0} rows)");
    }

    private static async Task RfmAsync(AnalyticsServers servers, NpgsqlDataSource dataSource, double outboxWaitSeconds, AnalyticsReport report, CancellationToken stop)
    {
        report.Section("RFM recompute over all customers with purchases");
        var results = new List<RfmResult>();
        foreach (var run in new[] { "first (scores everyone)", "second (nothing changed)" })
        {
            var result = await RfmTiming.RunAsync(servers.Service, run, stop);
            results.Add(result);
            report.Line($"{run}: {result.Seconds:F2} s (POST /api/analytics/rfm/recompute), customers {result.Customers:N0}, changed segment {result.Changed:N0}; cores {PurchaseIngestion.Cores(result.Cores)}");
            await report.RecordAsync("rfm", result);
        }

        report.Target("full RFM recompute ≤ 5 s (first: everyone scored)", $"{results[0].Seconds:F2} s", results[0].Seconds <= 5);
        report.Target("full RFM recompute ≤ 5 s (second: nothing changed)", $"{results[1].Seconds:F2} s", results[1].Seconds <= 5);

        // The first recompute published one event per customer whose segment changed; the service sends them in the background.
        var unsent = await OutboxBacklog.UnsentAsync(dataSource, stop);
        var (waited, left) = await OutboxBacklog.WaitForDrainAsync(dataSource, outboxWaitSeconds, Console.Error, stop);
        report.Line($"outbox: {unsent:N0} CustomerValueSegmentChanged events unsent after the recomputes; waited {waited:F0} s for the service to publish them ({left:N0} left) before the latency measurements");
        await report.RecordAsync("outbox-drain", new { Unsent = unsent, Seconds = waited, Left = left });
    }

    private static async Task FitAsync(BenchOptions options, AnalyticsServers servers, NpgsqlDataSource dataSource, DateOnly today, AnalyticsReport report, CancellationToken stop)
    {
        report.Section(FormattableString.Invariant($"BG/NBD + Gamma-Gamma fit over {options.FitCustomers:N0} customers, in this process (calibration end {today:yyyy-MM-dd}, weeks)"));
        try
        {
            var fit = await ModelFitTiming.RunAsync(dataSource, servers.AnalyticsConnectionString, options.FitCustomers, today, stop);
            report.Line($"{fit.Customers:N0} customers ({fit.ReturningCustomers:N0} returning), {fit.PurchaseDays:N0} purchase days: read (folded per customer in the database) {fit.ReadSeconds:F2} s, fit {fit.FitSeconds:F2} s, total {fit.TotalSeconds:F2} s");
            report.Line($"  BG/NBD r {fit.R:F3}, alpha {fit.Alpha:F3}, a {fit.A:F3}, b {fit.B:F3}; Gamma-Gamma p {fit.P:F3}, q {fit.Q:F3}, gamma {fit.Gamma:F3}");
            await report.RecordAsync("fit", fit);
            report.Target(FormattableString.Invariant($"BG/NBD + Gamma-Gamma fit over {fit.Customers:N0} customers ≤ 10 s"), $"{fit.TotalSeconds:F2} s (read {fit.ReadSeconds:F2} + fit {fit.FitSeconds:F2})", fit.TotalSeconds <= 10);
        }
        catch (InvalidOperationException ex)
        {
            // The library refuses data that does not identify the model; that is a result to report, not a crash.
            report.Line($"the fit failed: {ex.Message}");
            await report.RecordAsync("fit", new { Failed = ex.Message });
            report.Target(FormattableString.Invariant($"BG/NBD + Gamma-Gamma fit over {options.FitCustomers:N0} customers ≤ 10 s"), $"failed: {ex.Message}", false);
        }

        report.Section("the whole population's fit, through the service (for information; the value profiles use it)");
        foreach (var (via, ms, status, body) in await AnalyticsReads.FullFitsAsync(servers.Service, today, stop))
        {
            report.Line($"{via}: {ms / 1000:F2} s, status {status}: {body}");
            await report.RecordAsync("full-fit", new { Via = via, Ms = ms, Status = status });
            report.Target($"full-population fit, {via} (information)", $"{ms / 1000:F2} s", null);
        }
    }

    /// <summary>
    /// The service fits the stored model by itself (at start, five minutes after a start without purchases, then every
    /// interval): such a fit during a measurement disturbs it, so the report lists every stored fit with its time.
    /// </summary>
    private static async Task BackgroundFitsAsync(NpgsqlDataSource dataSource, AnalyticsReport report, CancellationToken stop)
    {
        await using var command = dataSource.CreateCommand("SELECT fitted_at, fit_seconds, customers FROM analytics.lifetime_models ORDER BY fitted_at");
        await using var reader = await command.ExecuteReaderAsync(stop);
        var fits = new List<string>();
        while (await reader.ReadAsync(stop))
        {
            fits.Add(FormattableString.Invariant($"{reader.GetFieldValue<DateTimeOffset>(0):HH:mm:ss} ({reader.GetDouble(1):F1} s, {reader.GetInt32(2):N0} customers)"));
        }

        report.Line($"stored model fits during the run (the bench asked for one; any other is the service's own schedule): {(fits.Count == 0 ? "none" : string.Join(", ", fits))}");
    }

    internal static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return await command.ExecuteScalarAsync();
    }
}
