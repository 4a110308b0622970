using CrmPlatform.Hosting;

namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// What the analytics scenario runs: PostgreSQL with the analytics database, RabbitMQ and Redis (the service needs them
/// to start; Redis also holds its caches), the identity service (every request needs its token), the analytics service
/// (its Release build, migrated by its own <c>--migrate</c>) and the gateway in front of it (rate limits raised), each as
/// its own process as in production. Isolated (free ports, a temporary folder), or external servers from
/// ConnectionStrings__*. Once up, the bench-client token is fetched from the identity service (<see cref="BenchAuth"/>).
/// </summary>
internal sealed class AnalyticsServers(DistributedApplication app) : IAsyncDisposable
{
    public string AnalyticsConnectionString => app.GetConnectionString(ResourceNames.AnalyticsDb)!;

    public string RedisConnectionString => app.GetConnectionString(ResourceNames.Redis)!;

    public bool PostgresExternal => app.Resources.OfType<PostgresServerResource>().Single().IsExternal;

    /// <summary>The gateway's address (requests go through YARP to the service).</summary>
    public Uri Gateway => app.GetEndpoint(ResourceNames.Gateway);

    /// <summary>The service's own address (the same requests without the gateway hop).</summary>
    public Uri Service => app.GetEndpoint(ResourceNames.Analytics);

    /// <summary>The isolated PostgreSQL's log (auto_explain writes the slow statements' plans there).</summary>
    public string PostgresLog => Path.Combine(app.DataDirectory, "logs", ResourceNames.Postgres + ".log");

    public static async Task<AnalyticsServers> StartAsync(string sharedBuffers, double explainSlowMs)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Isolated = true, Output = Console.Error });
        // 1M customers and 10M purchases with their indexes are a few GB; the default 128 MB would leave most of them to
        // the OS page cache, which this machine's memory manager pages out when idle.
        var postgres = builder.AddPostgres(ResourceNames.Postgres).WithSetting("shared_buffers", sharedBuffers);
        if (explainSlowMs > 0)
        {
            // Plans of the service's slow statements as they ran, in the server's log. Per-node timing is left off: it is the
            // costly part of EXPLAIN ANALYZE, and the rows and buffers are what tell a scan from a lookup.
            postgres.WithSetting("session_preload_libraries", "auto_explain")
                .WithSetting("auto_explain.log_min_duration", FormattableString.Invariant($"{explainSlowMs}ms"))
                .WithSetting("auto_explain.log_analyze", "on")
                .WithSetting("auto_explain.log_buffers", "on")
                .WithSetting("auto_explain.log_timing", "off");
        }

        var database = postgres.AddDatabase(ResourceNames.AnalyticsDb, "bench_analytics");
        var rabbitMq = builder.AddRabbitMQ(ResourceNames.RabbitMq);
        var redis = builder.AddRedis(ResourceNames.Redis);
        var identity = builder.AddIdentity();
        var analytics = builder.AddProject(ResourceNames.Analytics, "src/Services/Analytics/CrmPlatform.Analytics.csproj")
            .WithReference(database).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
            .WithMigrations()
            // The scenario times the recompute and the refit itself; the service's own timers (RFM every 15 minutes, the model
            // every 6 hours) would land in the middle of another measurement at 1M customers, so they are pushed out of the run.
            .WithEnvironment("Analytics__Value__RfmInterval", "1.00:00:00")
            .WithEnvironment("Analytics__Value__ModelRefitInterval", "1.00:00:00")
            .WaitFor(database).WaitFor(rabbitMq).WaitFor(redis).WaitFor(identity);
        builder.AddProject(ResourceNames.Gateway, "src/Gateway/CrmPlatform.Gateway.csproj")
            .WithReference(analytics).WithReference(identity)
            .WithBenchRateLimits()
            .WaitFor(analytics).WaitFor(identity);

        var app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await app.StartAsync(timeout.Token);
        await BenchAuth.FetchOrStopAsync(app, timeout.Token);
        return new AnalyticsServers(app);
    }


    public ValueTask DisposeAsync() => app.DisposeAsync();
}
