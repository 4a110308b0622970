using CrmPlatform.Hosting;

namespace CrmPlatform.Bench.Gateway;

/// <summary>
/// What the gateway scenario runs, each as its own process in its Release build as in production: PostgreSQL with the
/// customers database, RabbitMQ and Redis (the Customers service needs them to start), the identity service, the
/// Customers service (migrated by its own <c>--migrate</c>) and the gateway in front of it with its per-caller API limit
/// raised out of the way. Isolated (free ports, a temporary folder), or external servers from ConnectionStrings__*.
/// Once up, the bench-client token is fetched from the identity service (<see cref="BenchAuth"/>).
/// </summary>
internal sealed class GatewayServers(DistributedApplication app) : IAsyncDisposable
{
    /// <summary>The gateway's address (requests go through YARP to the service).</summary>
    public Uri Gateway => app.GetEndpoint(ResourceNames.Gateway);

    /// <summary>The service's own address (the same requests without the gateway hop).</summary>
    public Uri Service => app.GetEndpoint(ResourceNames.Customers);

    public Uri Identity => app.GetEndpoint(ResourceNames.Identity);

    public static async Task<GatewayServers> StartAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Isolated = true, Output = Console.Error });
        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        var database = postgres.AddDatabase(ResourceNames.CustomersDb, "bench_customers");
        builder.AddCustomersBehindGateway(database);

        var app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await app.StartAsync(timeout.Token);
        await BenchAuth.FetchOrStopAsync(app, timeout.Token);

        return new GatewayServers(app);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
