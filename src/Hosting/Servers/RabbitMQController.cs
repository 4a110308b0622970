using System.Globalization;
using CrmPlatform.Hosting.Orchestration;

namespace CrmPlatform.Hosting.Servers;

/// <summary>
/// A local RabbitMQ 3.10 node. Everything the Debian wrappers would take from /etc (node name,
/// ports, config, cookie) is pointed into the data directory so several nodes can run side by side.
/// </summary>
internal sealed class RabbitMQController(RabbitMQServerResource server, OrchestrationContext context)
    : ProcessResourceController(server, context)
{
    private string _root = "";

    /// <summary>Booting Erlang + Mnesia takes 6–8 s warm, much more on a loaded machine.</summary>
    protected override TimeSpan ReadyTimeout => TimeSpan.FromSeconds(90);

    public override IReadOnlyList<string> Endpoints => [$"amqp://127.0.0.1:{server.Port}"];

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _root = Context.Data.For(Name);
        foreach (var folder in new[] { "mnesia", "log", "home" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
        }

        await File.WriteAllTextAsync(Path.Combine(_root, "enabled_plugins"), "[].\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_root, "rabbitmq-env.conf"), "", cancellationToken);
        var config = $"""
            default_user = {RabbitMQServerResource.UserName}
            default_pass = {server.Password}
            loopback_users = none
            """;
        var configPath = Path.Combine(_root, "rabbitmq.conf");
        await File.WriteAllTextAsync(configPath, config + "\n", cancellationToken);
        UnixFile.SetMode(configPath, UnixFile.OwnerOnly);
    }

    protected override ProcessSpec CreateSpec() =>
        new("/usr/lib/rabbitmq/bin/rabbitmq-server", [])
        {
            WorkingDirectory = _root,
            Environment = new Dictionary<string, string>
            {
                ["RABBITMQ_NODENAME"] = string.Create(CultureInfo.InvariantCulture, $"crm{server.Port}@localhost"),
                ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
                ["RABBITMQ_NODE_PORT"] = server.Port.ToString(CultureInfo.InvariantCulture),
                ["RABBITMQ_DIST_PORT"] = server.DistributionPort.ToString(CultureInfo.InvariantCulture),
                ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia"),
                ["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log"),
                ["RABBITMQ_LOGS"] = "-",
                ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_root, "enabled_plugins"),
                ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_root, "rabbitmq.conf"),
                ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_root, "rabbitmq-env.conf"),
                ["HOME"] = Path.Combine(_root, "home"),
            },
        };

    protected override Task<bool> ProbeAsync(CancellationToken cancellationToken) =>
        HealthProbes.TcpAsync("127.0.0.1", server.Port, cancellationToken);
}
