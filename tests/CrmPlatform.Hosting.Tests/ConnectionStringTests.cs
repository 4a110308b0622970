using CrmPlatform.Hosting.Servers;
using Npgsql;

namespace CrmPlatform.Hosting.Tests;

public class ConnectionStringTests
{
    [Fact]
    public void An_external_postgres_database_connection_string_keeps_the_server_settings_and_sets_the_database()
    {
        var derived = PostgresServerResource.DeriveDatabaseConnectionString(
            "Host=db.example;Port=6543;Username=app;Password=s3cret;SSL Mode=Require;Database=postgres", "service_desk");

        var parsed = new NpgsqlConnectionStringBuilder(derived);
        parsed.Host.ShouldBe("db.example");
        parsed.Port.ShouldBe(6543);
        parsed.Username.ShouldBe("app");
        parsed.Password.ShouldBe("s3cret");
        parsed.SslMode.ShouldBe(SslMode.Require);
        parsed.Database.ShouldBe("service_desk");
    }

    [Fact]
    public void An_external_server_from_configuration_is_not_started_but_used_as_is()
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__ext-pg-test", "Host=10.1.2.3;Port=5432;Username=u;Password=p");
        try
        {
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Isolated = true });
            var postgres = builder.AddPostgres("ext-pg-test");
            var db = postgres.AddDatabase("ext-db", "analytics");

            postgres.Resource.IsExternal.ShouldBeTrue();
            new NpgsqlConnectionStringBuilder(db.Resource.ConnectionString).Database.ShouldBe("analytics");
            new NpgsqlConnectionStringBuilder(db.Resource.ConnectionString).Host.ShouldBe("10.1.2.3");
        }
        finally
        {
            Environment.SetEnvironmentVariable("ConnectionStrings__ext-pg-test", null);
        }
    }

    [Fact]
    public void Local_servers_hand_out_aspire_style_connection_strings()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Isolated = true });
        var postgres = builder.AddPostgres("postgres").Resource;
        var rabbit = builder.AddRabbitMQ("rabbitmq").Resource;
        var redis = builder.AddRedis("redis").Resource;
        (postgres.Port, postgres.Password) = (1111, "pw1");
        (rabbit.Port, rabbit.Password) = (2222, "pw2");
        (redis.Port, redis.Password) = (3333, "pw3");

        new PostgresDatabaseResource("x-db", "x", postgres).ConnectionString
            .ShouldBe("Host=127.0.0.1;Port=1111;Username=postgres;Password=pw1;Database=x");
        rabbit.ConnectionString.ShouldBe("amqp://crm:pw2@127.0.0.1:2222/");
        redis.ConnectionString.ShouldBe("127.0.0.1:3333,password=pw3");
    }

    [Fact]
    public void Projects_get_connection_strings_service_discovery_and_urls()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Isolated = true });
        var postgres = builder.AddPostgres("postgres");
        var db = postgres.AddDatabase("customers-db", "customers");
        var redis = builder.AddRedis("redis");
        var customers = builder.AddProject("customers", "c.csproj").WithReference(db).WithReference(redis);
        var gateway = builder.AddProject("gateway", "g.csproj").WithReference(customers);
        (postgres.Resource.Port, postgres.Resource.Password) = (1111, "pw");
        (redis.Resource.Port, redis.Resource.Password) = (3333, "pr");
        customers.Resource.Port = 5101;
        gateway.Resource.Port = 5080;

        var customersEnv = ProjectController.BuildEnvironment(customers.Resource, builder.Configuration);
        var gatewayEnv = ProjectController.BuildEnvironment(gateway.Resource, builder.Configuration);

        customersEnv["ConnectionStrings__customers-db"].ShouldBe("Host=127.0.0.1;Port=1111;Username=postgres;Password=pw;Database=customers");
        customersEnv["ConnectionStrings__redis"].ShouldBe("127.0.0.1:3333,password=pr");
        customersEnv["ASPNETCORE_URLS"].ShouldBe("http://127.0.0.1:5101");
        customersEnv["OTEL_SERVICE_NAME"].ShouldBe("customers");
        customersEnv.ShouldContainKey("ASPNETCORE_ENVIRONMENT");
        gatewayEnv["services__customers__http__0"].ShouldBe("http://127.0.0.1:5101");
    }

    [Theory]
    [InlineData("amqp://u:p@mq.local:5673/", "mq.local", 5673)]
    [InlineData("amqp://u:p@mq.local/", "mq.local", 5672)]
    [InlineData("amqps://mq.local/vh", "mq.local", 5671)]
    public void Amqp_uris_give_host_and_port(string uri, string host, int port) =>
        ServerAddresses.FromAmqpUri(uri).ShouldBe((host, port));

    [Fact]
    public void Redis_configuration_gives_host_port_and_password() =>
        ServerAddresses.FromRedisConfiguration("cache:6380,password=abc,ssl=false").ShouldBe(("cache", 6380, "abc"));
}
