using CrmPlatform.Hosting;

namespace CrmPlatform.Bench.Search;

/// <summary>
/// What the search scenario runs: PostgreSQL with the customers database, and unless only seeding,
/// RabbitMQ and Redis (the service needs them to start), the identity service (every request needs its
/// token), the Customers service (its Release build, migrated by its own <c>--migrate</c>) and the gateway
/// in front of it (rate limits raised), each as its own process as in production. Isolated (free ports, a
/// temporary folder), or external servers from ConnectionStrings__*. Once up, the bench-client token is
/// fetched from the identity service (<see cref="BenchAuth"/>).
/// </summary>
internal sealed class SearchServers(DistributedApplication app, bool withServices) : IAsyncDisposable
{
    public string CustomersConnectionString => app.GetConnectionString(ResourceNames.CustomersDb)!;

    public bool PostgresExternal => app.Resources.OfType<PostgresServerResource>().Single().IsExternal;

    /// <summary>The gateway's address (requests go through YARP to the service).</summary>
    public Uri Gateway => withServices ? app.GetEndpoint(ResourceNames.Gateway) : throw new InvalidOperationException("Only seeding: no gateway.");

    /// <summary>The service's own address (the same requests without the gateway hop).</summary>
    public Uri Service => withServices ? app.GetEndpoint(ResourceNames.Customers) : throw new InvalidOperationException("Only seeding: no service.");

    public static async Task<SearchServers> StartAsync(bool seedOnly, string sharedBuffers)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Isolated = true, Output = Console.Error });
        // The default 128 MB would hold a tenth of the table and its indexes; the rest would come from
        // the OS page cache, which this machine's memory manager pages out when idle (DAMON).
        var postgres = builder.AddPostgres(ResourceNames.Postgres).WithSetting("shared_buffers", sharedBuffers);
        var database = postgres.AddDatabase(ResourceNames.CustomersDb, "bench_customers");
        if (!seedOnly)
        {
            builder.AddCustomersBehindGateway(database);
        }

        var app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await app.StartAsync(timeout.Token);
        if (!seedOnly)
        {
            await BenchAuth.FetchOrStopAsync(app, timeout.Token);
        }
        return new SearchServers(app, !seedOnly);
    }


    public ValueTask DisposeAsync() => app.DisposeAsync();
}
