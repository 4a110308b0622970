using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmPlatform.Bench.Search;

/// <summary>
/// The search scenario: servers and services up (migrations by the service's own --migrate), the
/// customers seeded, then per target (gateway, service) a warm-up and a measured window of the mix
/// from concurrent clients, with the plans of the mix's queries printed for the record.
/// </summary>
internal static class SearchBench
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken stop)
    {
        await using var servers = await SearchServers.StartAsync(options.SeedOnly, options.SharedBuffers);
        await using var dataSource = NpgsqlDataSource.Create(servers.CustomersConnectionString);
        Console.WriteLine($"postgres: {(servers.PostgresExternal ? "external (ConnectionStrings__postgres)" : "isolated, started by CrmPlatform.Hosting")}");
        foreach (var (name, value) in await SettingsAsync(dataSource))
        {
            Console.WriteLine($"postgres {name}: {value}");
        }

        if (options.SeedOnly)
        {
            await MigrateAsync(servers.CustomersConnectionString);
        }

        var existing = await CountAsync(dataSource);
        if (options.ReuseSeed && existing >= options.Customers)
        {
            Console.WriteLine(FormattableString.Invariant($"reusing {existing:N0} seeded customers"));
        }
        else if (existing > 0)
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"customers.customers already has {existing:N0} rows; the seed needs an empty table (or --reuse-seed with enough rows)."));
        }
        else
        {
            await CustomerSeed.SeedAsync(dataSource, options.Customers, Console.Error);
        }

        Console.WriteLine(FormattableString.Invariant($"customers: {await CountAsync(dataSource):N0}, table {await SizeAsync(dataSource)}"));
        if (options.SeedOnly)
        {
            Console.WriteLine($"seeded; connection string: {servers.CustomersConnectionString}");
            return 0;
        }

        return await SearchLoad.RunAsync(options, servers, dataSource, stop);
    }

    /// <summary>Only with --seed-only: otherwise the service migrated its database before it started.</summary>
    private static async Task MigrateAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CustomersDbContext>();
        PostgresExtensions.Configure(options, connectionString, CustomersDbContext.Schema);
        await using var db = new CustomersDbContext(options.Options);
        await db.Database.MigrateAsync();
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM customers.customers");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> SizeAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT pg_size_pretty(pg_table_size('customers.customers')) || ', indexes ' || pg_size_pretty(pg_indexes_size('customers.customers'))");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<(string, string)>> SettingsAsync(NpgsqlDataSource dataSource)
    {
        var result = new List<(string, string)>();
        foreach (var setting in new[] { "server_version", "shared_buffers", "work_mem", "effective_cache_size", "random_page_cost", "jit", "max_parallel_workers_per_gather" })
        {
            await using var show = dataSource.CreateCommand($"SHOW {setting}");
            result.Add((setting, (string)(await show.ExecuteScalarAsync())!));
        }

        return result;
    }
}
