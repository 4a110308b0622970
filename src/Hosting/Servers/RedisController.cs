using System.Globalization;
using CrmPlatform.Hosting.Orchestration;

namespace CrmPlatform.Hosting.Servers;

/// <summary>A local Redis 7 in the foreground.</summary>
internal sealed class RedisController(RedisResource server, OrchestrationContext context)
    : ProcessResourceController(server, context)
{
    public override IReadOnlyList<string> Endpoints => [$"tcp://127.0.0.1:{server.Port}"];

    protected override ProcessSpec CreateSpec()
    {
        var directory = Context.Data.For(Name);
        List<string> args =
        [
            "--bind", "127.0.0.1",
            "--port", server.Port.ToString(CultureInfo.InvariantCulture),
            "--dir", directory,
            "--requirepass", server.Password,
            "--daemonize", "no",
        ];

        // Normal mode keeps the cache across restarts (append-only file); isolated data is thrown away.
        args.AddRange(Context.Isolated ? ["--save", "", "--appendonly", "no"] : ["--appendonly", "yes"]);
        return new ProcessSpec("redis-server", args) { WorkingDirectory = directory };
    }

    protected override Task<bool> ProbeAsync(CancellationToken cancellationToken) =>
        HealthProbes.RedisAsync("127.0.0.1", server.Port, server.Password, cancellationToken);
}
