using System.Net;
using System.Net.Sockets;
using CrmPlatform.Hosting;
using Npgsql;
using RabbitMQ.Client;

namespace CrmPlatform.Bench;

/// <summary>
/// PostgreSQL (databases bench_producer and bench_consumer, like two services' own databases on one
/// server) and RabbitMQ: started isolated by our hosting library, or external when
/// <c>ConnectionStrings__postgres</c> / <c>ConnectionStrings__rabbitmq</c> are set.
/// </summary>
public sealed class BenchServers : IAsyncDisposable
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";
    public const string ProducerDb = "bench-producer-db";
    public const string ConsumerDb = "bench-consumer-db";

    private readonly DistributedApplication _app;
    private readonly string? _durableDirectory;

    private BenchServers(DistributedApplication app, string? durableDirectory)
    {
        _app = app;
        _durableDirectory = durableDirectory;
    }

    public bool Durable => _durableDirectory is not null;

    public string ProducerConnectionString => _app.GetConnectionString(ProducerDb)!;
    public string ConsumerConnectionString => _app.GetConnectionString(ConsumerDb)!;
    public string RabbitConnectionString => _app.GetConnectionString(RabbitMq)!;
    public bool PostgresExternal => _app.Resources.OfType<PostgresServerResource>().Single().IsExternal;
    public bool RabbitExternal => _app.Resources.OfType<RabbitMQServerResource>().Single().IsExternal;

    public static async Task<BenchServers> StartAsync(bool durable)
    {
        // Isolated mode runs PostgreSQL with fsync=off and synchronous_commit=off. Durable mode is the
        // AppHost's normal mode (the server's defaults) on a fresh temporary data directory and free ports.
        string? durableDirectory = null;
        var options = new DistributedApplicationOptions { Isolated = true, Output = Console.Error };
        if (durable)
        {
            durableDirectory = Directory.CreateTempSubdirectory("crm-bench-durable-").FullName;
            options = new DistributedApplicationOptions
            {
                Isolated = false,
                DataDirectory = durableDirectory,
                Output = Console.Error,
                Args =
                [
                    $"--Ports:dashboard={FreePort()}", $"--Ports:{Postgres}={FreePort()}",
                    $"--Ports:{RabbitMq}={FreePort()}", $"--Ports:{RabbitMq}-dist={FreePort()}",
                ],
            };
        }

        var builder = DistributedApplication.CreateBuilder(options);
        var postgres = builder.AddPostgres(Postgres);
        postgres.AddDatabase(ProducerDb, "bench_producer");
        postgres.AddDatabase(ConsumerDb, "bench_consumer");
        builder.AddRabbitMQ(RabbitMq);
        var app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        return new BenchServers(app, durableDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The settings that decide what a commit costs, as the server reports them.</summary>
    public async Task<IReadOnlyList<(string Name, string Value)>> DescribeAsync()
    {
        var result = new List<(string, string)>();
        await using (var connection = new NpgsqlConnection(ProducerConnectionString))
        {
            await connection.OpenAsync();
            foreach (var setting in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers", "max_connections" })
            {
                await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
                result.Add(($"postgres {setting}", (string)(await show.ExecuteScalarAsync())!));
            }
        }

        var factory = new ConnectionFactory { Uri = new Uri(RabbitConnectionString) };
        await using var rabbit = await factory.CreateConnectionAsync();
        foreach (var key in new[] { "product", "version" })
        {
            if (rabbit.ServerProperties?.TryGetValue(key, out var value) == true)
            {
                result.Add(($"rabbitmq {key}", value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : value?.ToString() ?? ""));
            }
        }

        result.Add(("postgres", PostgresExternal ? "external (ConnectionStrings__postgres)"
            : Durable ? "local, started by CrmPlatform.Hosting in normal (durable) mode" : "isolated, started by CrmPlatform.Hosting"));
        result.Add(("rabbitmq", RabbitExternal ? "external (ConnectionStrings__rabbitmq)" : "isolated, started by CrmPlatform.Hosting"));
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (_durableDirectory is not null)
        {
            Directory.Delete(_durableDirectory, recursive: true);
        }
    }
}
