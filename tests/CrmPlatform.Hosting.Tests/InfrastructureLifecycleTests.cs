using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CrmPlatform.Hosting.Tests;

public class InfrastructureLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Isolated_infrastructure_starts_serves_clients_restarts_after_a_crash_and_stops_without_leftovers()
    {
        var timeout = TestApps.Timeout(150);
        var console = new StringWriter();
        var builder = TestApps.Isolated(output: TextWriter.Synchronized(console));
        builder.AddPostgres("postgres").AddDatabase("orders-db", "orders");
        builder.AddRabbitMQ("rabbitmq");
        builder.AddRedis("redis");
        var app = builder.Build();
        var clock = Stopwatch.StartNew();
        try
        {
            await app.StartAsync(timeout);
            output.WriteLine($"started in {clock.Elapsed.TotalSeconds:0.0} s");

            // PostgreSQL: the database was created and the handed connection string works.
            await using (var connection = new NpgsqlConnection(app.GetConnectionString("orders-db")))
            {
                await connection.OpenAsync(timeout);
                await using var command = new NpgsqlCommand("SELECT current_database()", connection);
                (await command.ExecuteScalarAsync(timeout)).ShouldBe("orders");
            }

            // RabbitMQ: the AMQP URI authenticates and a channel can declare a queue.
            var factory = new ConnectionFactory { Uri = new Uri(app.GetConnectionString("rabbitmq")!) };
            await using (var connection = await factory.CreateConnectionAsync(timeout))
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: timeout))
            {
                var queue = await channel.QueueDeclareAsync(cancellationToken: timeout);
                queue.QueueName.ShouldNotBeNullOrEmpty();
            }

            // Redis: password auth and a round trip.
            await using (var redis = await ConnectionMultiplexer.ConnectAsync(app.GetConnectionString("redis")!))
            {
                var db = redis.GetDatabase();
                await db.StringSetAsync("k", "v");
                ((string?)await db.StringGetAsync("k")).ShouldBe("v");
            }

            // The dashboard lists every resource as JSON.
            using (var http = new HttpClient { BaseAddress = app.DashboardUrl })
            {
                var resources = await http.GetFromJsonAsync<JsonElement>("/api/resources", timeout);
                resources.EnumerateArray().Select(r => r.GetProperty("name").GetString()).Order()
                    .ShouldBe(["orders-db", "postgres", "rabbitmq", "redis"]);
                resources.EnumerateArray().ShouldAllBe(r => r.GetProperty("state").GetString() == "Running");
                (await http.GetAsync(new Uri("/api/resources/nope/logs", UriKind.Relative), timeout)).StatusCode
                    .ShouldBe(System.Net.HttpStatusCode.NotFound);
                var logs = await http.GetFromJsonAsync<JsonElement>("/api/resources/postgres/logs?after=0", timeout);
                logs.GetProperty("lines").GetArrayLength().ShouldBeGreaterThan(0);
                (await http.GetStringAsync(new Uri("/", UriKind.Relative), timeout)).ShouldContain("<table");
            }

            // A crashed server is restarted and the restart is counted.
            var crashed = app.GetResourceSnapshot("postgres").Pid!.Value;
            Process.GetProcessById(crashed).Kill();
            await TestApps.WaitUntilAsync(
                () => app.GetResourceSnapshot("postgres") is { State: ResourceState.Running, Restarts: 1 } s && s.Pid != crashed,
                TimeSpan.FromSeconds(30),
                "postgres to be restarted");
            await using (var connection = new NpgsqlConnection(app.GetConnectionString("orders-db")))
            {
                await connection.OpenAsync(timeout);
            }

            var pids = app.GetResourceSnapshots().Where(s => s.Pid is not null).Select(s => s.Pid!.Value).ToList();
            pids.Count.ShouldBe(3);
            var dataDirectory = app.DataDirectory;
            Directory.Exists(dataDirectory).ShouldBeTrue();

            clock.Restart();
            await app.StopAsync(timeout);
            output.WriteLine($"stopped in {clock.Elapsed.TotalSeconds:0.0} s");

            pids.ShouldAllBe(pid => !TestApps.IsAlive(pid));
            Directory.Exists(dataDirectory).ShouldBeFalse();
            app.GetResourceSnapshots().ShouldAllBe(s => s.State == ResourceState.Stopped);
        }
        finally
        {
            await app.DisposeAsync();
            output.WriteLine(console.ToString());
        }
    }
}
