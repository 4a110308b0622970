using System.Globalization;
using CrmPlatform.Hosting.Orchestration;
using Npgsql;

namespace CrmPlatform.Hosting.Servers;

/// <summary>A server given by a configured connection string: not started, only health-checked.</summary>
internal sealed class ExternalServerController(ServerResource server, OrchestrationContext context)
    : ProbedResourceController(server, context)
{
    public override bool IsExternal => true;

    /// <summary>Shown on the dashboard, so only host and port: never the password.</summary>
    public override IReadOnlyList<string> Endpoints => [Address()];

    protected override Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var connectionString = server.ExternalConnectionString!;
        switch (server)
        {
            case PostgresServerResource:
                return HealthProbes.PostgresAsync(connectionString, cancellationToken);
            case RabbitMQServerResource:
                var (host, port) = ServerAddresses.FromAmqpUri(connectionString);
                return HealthProbes.TcpAsync(host, port, cancellationToken);
            case RedisResource:
                var redis = ServerAddresses.FromRedisConfiguration(connectionString);
                return HealthProbes.RedisAsync(redis.Host, redis.Port, redis.Password, cancellationToken);
            default:
                throw new NotSupportedException($"No health check for {server}.");
        }
    }

    private string Address()
    {
        var connectionString = server.ExternalConnectionString!;
        try
        {
            return server switch
            {
                PostgresServerResource => new NpgsqlConnectionStringBuilder(connectionString) is var b
                    ? string.Create(CultureInfo.InvariantCulture, $"tcp://{b.Host}:{b.Port}")
                    : "",
                RabbitMQServerResource => ServerAddresses.FromAmqpUri(connectionString) is var (host, port)
                    ? string.Create(CultureInfo.InvariantCulture, $"amqp://{host}:{port}")
                    : "",
                _ => ServerAddresses.FromRedisConfiguration(connectionString) is var (h, p, _)
                    ? string.Create(CultureInfo.InvariantCulture, $"tcp://{h}:{p}")
                    : "",
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or InvalidOperationException)
        {
            return "(external)";
        }
    }
}
