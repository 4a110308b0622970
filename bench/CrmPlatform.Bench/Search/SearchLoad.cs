using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using CrmPlatform.Customers.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace CrmPlatform.Bench.Search;

/// <summary>
/// Closed loop: <see cref="BenchOptions.Writers"/> clients, each sending the next search of the mix as
/// soon as its previous answer arrived, for a warm-up then a measured window, through the gateway and
/// straight to the service. Latency is the HTTP round trip seen by the client.
/// </summary>
internal static class SearchLoad
{
    public static async Task<int> RunAsync(BenchOptions options, SearchServers servers, NpgsqlDataSource dataSource, CancellationToken stop)
    {
        var mix = await SearchMix.BuildAsync(dataSource, servers.Service, options.CommonTerms ?? SearchMix.DefaultCommonTerms);
        await PrintPlansAsync(mix, dataSource);

        (string Name, Uri Address)[] targets = options.Target switch
        {
            SearchTarget.Gateway => [("gateway", servers.Gateway)],
            SearchTarget.Service => [("service", servers.Service)],
            _ => [("gateway", servers.Gateway), ("service", servers.Service)],
        };
        foreach (var (name, address) in targets)
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                await RunOnceAsync(options, mix, name, address, run, stop);
            }
        }

        return 0;
    }

    private static async Task RunOnceAsync(BenchOptions options, SearchMix mix, string target, Uri address, int run, CancellationToken stop)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Writers, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = BenchAuth.Client(address, TimeSpan.FromSeconds(30), handler);
        var samples = new ConcurrentBag<(string Kind, double Ms, bool Ok)>();
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + Ticks.FromSeconds(options.WarmupSeconds);
        var windowEnd = windowStart + Ticks.FromSeconds(options.DurationSeconds);
        CpuMeter.Snapshot? cpuFrom = null;
        var clients = Enumerable.Range(0, options.Writers).Select(i => Task.Run(async () =>
        {
            var random = new Random((run * 100) + i);
            while (!stop.IsCancellationRequested && Stopwatch.GetTimestamp() < windowEnd)
            {
                var (kind, path) = mix.Next(random);
                var sent = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    using var response = await client.GetAsync(path, stop);
                    await response.Content.ReadAsByteArrayAsync(stop);
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                if (sent >= windowStart && Stopwatch.GetTimestamp() <= windowEnd)
                {
                    samples.Add((kind, Ticks.ToMs(Stopwatch.GetTimestamp() - sent), ok));
                }
            }
        }, stop)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), stop);
        cpuFrom = CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
        await Task.WhenAll(clients);
        var cpu = CpuMeter.CoresUsed(cpuFrom, CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency));

        var all = samples.ToList();
        Console.WriteLine();
        Console.WriteLine(Invariant($"=== search via {target}, run {run}: {options.Writers} clients, closed loop, {options.WarmupSeconds:F0} s warm-up, {options.DurationSeconds:F0} s measured; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine(Invariant($"requests {all.Count} ({all.Count / options.DurationSeconds:F0}/s), errors {all.Count(s => !s.Ok)}"));
        Console.WriteLine($"cores: {string.Join(", ", cpu.Keys.Order(StringComparer.Ordinal).Select(k => Invariant($"{k} {cpu[k]:F2}")))}");
        Console.WriteLine("| kind | requests | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var kind in mix.Kinds.Append("all"))
        {
            var values = all.Where(s => kind == "all" || s.Kind == kind).Select(s => s.Ms).Order().ToArray();
            if (values.Length > 0)
            {
                Console.WriteLine(Invariant($"| {kind} | {values.Length} | {Rank(values, 0.50):F1} | {Rank(values, 0.95):F1} | {Rank(values, 0.99):F1} | {values[^1]:F1} |"));
            }
        }
    }

    /// <summary>Nearest rank, as <see cref="Distribution"/> does.</summary>
    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of each statement the service runs for one example of each kind.</summary>
    private static async Task PrintPlansAsync(SearchMix mix, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var (kind, path) in mix.Examples)
        {
            var query = ParseQuery(path);
            var (criteria, errors) = SearchQueryParser.Parse(query);
            if (criteria is null)
            {
                Console.WriteLine($"plan of {kind}: invalid example {path}: {string.Join(", ", errors.Keys)}");
                continue;
            }

            var rows = criteria.Limit + 1;
            Console.WriteLine();
            Console.WriteLine($"--- plan of {kind}: GET {Uri.UnescapeDataString(path)}");
            // The same choice the service makes (CustomerSearch.RunAsync).
            var (strategy, chosen) = await CustomerSearch.ChooseAsync(connection, criteria, TimeProvider.System, CancellationToken.None);
            Console.WriteLine($"    ({strategy}{(chosen.Filter.Term?.IndexWords is { } words ? $"; index words: {string.Join(", ", words.Select(w => w ?? "(whole text)"))}" : "")})");
            await ExplainAsync(connection, strategy switch
            {
                SearchStrategy.MatchesFirst => CustomerSearchSql.MatchesAfter(chosen, chosen.After, rows),
                SearchStrategy.WindowFirst => CustomerSearchSql.WindowPage(chosen, rows),
                _ => CustomerSearchSql.Page(chosen, rows),
            });
        }

        // The continuation after the window, for a term whose matches cluster after it.
        var (clustered, _) = SearchQueryParser.Parse(ParseQuery("/api/customers?q=maria"));
        var windowEnd = await WindowEndAsync(connection, clustered!);
        if (windowEnd is not null)
        {
            Console.WriteLine();
            Console.WriteLine("--- plans of the window's end and the matches after it, when the window holds too few: GET /api/customers?q=maria");
            await ExplainAsync(connection, CustomerSearchSql.WindowEnd(clustered!));
            await ExplainAsync(connection, CustomerSearchSql.MatchesAfter(clustered!, windowEnd, clustered!.Limit + 1));
        }
    }

    private static async Task<SearchPosition?> WindowEndAsync(NpgsqlConnection connection, SearchCriteria criteria)
    {
        var statement = CustomerSearchSql.WindowEnd(criteria);
        await using var command = new NpgsqlCommand(statement.CommandText, connection);
        foreach (NpgsqlParameter parameter in statement.Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new SearchPosition(reader.GetString(0), null, reader.GetGuid(1)) : null;
    }

    private static async Task ExplainAsync(NpgsqlConnection connection, NpgsqlBatchCommand statement)
    {
        // The service plans every search with its values (custom plans); EXPLAIN of the statement with them does the same.
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement.CommandText, connection);
        foreach (NpgsqlParameter parameter in statement.Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("    " + reader.GetString(0));
        }
    }

    private static QueryCollection ParseQuery(string path)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), path).Query);
        return new QueryCollection(query.ToDictionary(p => p.Key, p => (StringValues)p.Value, StringComparer.OrdinalIgnoreCase));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
