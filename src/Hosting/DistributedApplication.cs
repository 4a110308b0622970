using System.Diagnostics;
using System.Runtime.InteropServices;
using CrmPlatform.Hosting.Dashboard;
using CrmPlatform.Hosting.Orchestration;
using CrmPlatform.Hosting.Servers;
using Microsoft.Extensions.Configuration;

namespace CrmPlatform.Hosting;

/// <summary>
/// The running application: starts resources in dependency order (independent ones in parallel),
/// supervises them, serves the dashboard, and stops them in reverse order.
/// </summary>
public sealed partial class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly ConsoleReporter _reporter;
    private readonly DataDirectory _data;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private List<ResourceController> _controllers = [];
    private DashboardServer? _dashboard;
    private bool _started;
    private bool _stopped;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        _reporter = new ConsoleReporter(builder.Options.Output ?? Console.Out);
        RepoRoot = builder.ResolveRepoRoot();
        _data = Orchestration.DataDirectory.Create(
            builder.Options.DataDirectory ?? builder.Arguments.DataDirectory, builder.IsIsolated, RepoRoot);
    }

    public IReadOnlyList<Resource> Resources => _builder.Resources;

    public IConfiguration Configuration => _builder.Configuration;

    public bool IsIsolated => _builder.IsIsolated;

    public string RepoRoot { get; }

    /// <summary>Where server data, logs, pid files and secrets live.</summary>
    public string DataDirectory => _data.Root;

    public Uri DashboardUrl => _dashboard?.Url ?? throw new InvalidOperationException("The application has not started.");

    private bool KeepData => _builder.Options.KeepData || _builder.Arguments.KeepData;

    public string? GetConnectionString(string name) =>
        Find(name) is IResourceWithConnectionString resource
            ? resource.ConnectionString
            : throw new ArgumentException($"No resource named '{name}' has a connection string.", nameof(name));

    public Uri GetEndpoint(string name) =>
        Find(name) is ProjectResource { Endpoint: { } endpoint }
            ? endpoint
            : throw new ArgumentException($"No started project named '{name}'.", nameof(name));

    public IReadOnlyList<ResourceSnapshot> GetResourceSnapshots() => [.. _controllers.Select(c => c.Snapshot())];

    public ResourceSnapshot GetResourceSnapshot(string name) =>
        _controllers.FirstOrDefault(c => c.Name == name)?.Snapshot()
        ?? throw new ArgumentException($"No resource named '{name}'.", nameof(name));

    /// <summary>
    /// Starts everything and returns once every resource is healthy. On failure, stops what started
    /// and throws <see cref="DistributedApplicationException"/> naming the resource and its log file.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_started)
            {
                throw new InvalidOperationException("The application was already started.");
            }

            _started = true;
            var clock = Stopwatch.StartNew();
            try
            {
                await StartCoreAsync(cancellationToken);
            }
            catch (Exception e)
            {
                _reporter.Info(e is DistributedApplicationException ? $"start-up failed: {e.Message}" : $"start-up failed: {e}");
                await StopCoreAsync();
                throw;
            }

            _reporter.Table(GetResourceSnapshots());
            var gateway = Resources.OfType<ProjectResource>().FirstOrDefault(p => p.Name == "gateway")?.Endpoint;
            _reporter.Write(ConsoleReporter.ReadyLine(clock.Elapsed, gateway, DashboardUrl));
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops everything: dependents first, independent resources in parallel.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            await StopCoreAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Start, then run until SIGINT/SIGTERM/SIGHUP (or <paramref name="cancellationToken"/>), then stop.
    /// A start-up failure is reported and sets the process exit code to 1.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // A background process started by a non-interactive shell ignores SIGINT, so listen for all three.
        // Cancelling the default keeps the runtime from exiting before the servers are stopped.
        using var sigInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

        try
        {
            await StartAsync(shutdown.Token);
        }
        catch (Exception e) when (e is DistributedApplicationException or OperationCanceledException)
        {
            if (e is DistributedApplicationException)
            {
                Console.Error.WriteLine($"[apphost] {e.Message}");
                Environment.ExitCode = 1;
            }

            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
            _reporter.Info("stopping…");
        }

        await StopAsync(CancellationToken.None);
        _reporter.Info("stopped");

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _lifecycle.Dispose();
    }

    private Resource? Find(string name) =>
        Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        // Order matters: lock first (never touch another AppHost's servers), then sweep our own leftovers,
        // then pick ports (a swept leftover may have held one).
        _data.Lock();
        _reporter.Info($"data directory {_data.Root}{(_data.IsTemporary ? " (temporary)" : "")}");
        var context = new OrchestrationContext(
            _data, IsIsolated, Configuration, RepoRoot, _builder.ResolveProjectConfiguration(), _reporter);
        await context.PidFiles.SweepAsync(cancellationToken);

        var ports = new PortAssignment(Configuration, IsIsolated);
        ports.Assign(Resources);
        var secrets = _data.LoadOrCreateSecrets(Resources.OfType<ServerResource>().Where(s => !s.IsExternal).Select(s => s.Name));
        foreach (var server in Resources.OfType<ServerResource>().Where(s => !s.IsExternal))
        {
            server.Password = secrets[server.Name];
        }

        _controllers = [.. Resources.Select(r => CreateController(r, context))];
        _dashboard = new DashboardServer(_controllers, ports.Dashboard);
        await _dashboard.StartAsync(cancellationToken);
        _reporter.Info($"dashboard {ConsoleReporter.Origin(_dashboard.Url)}");

        // Each resource starts as soon as everything it depends on is healthy; the first failure
        // cancels the rest.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = new Dictionary<Resource, Task>();
        foreach (var resource in DependencyGraph.StartOrder(Resources).SelectMany(layer => layer))
        {
            var controller = _controllers.Single(c => c.Resource == resource);
            var dependencies = resource.Dependencies.Select(d => started[d]).ToList();
            started[resource] = StartWhenReadyAsync(controller, dependencies, failed);
        }

        try
        {
            await Task.WhenAll(started.Values);
        }
        catch
        {
            // Report the root cause, not the cancellations it caused.
            var root = started.Values.Select(t => t.Exception?.InnerException)
                .FirstOrDefault(e => e is DistributedApplicationException);
            if (root is not null)
            {
                throw root;
            }

            throw;
        }
    }

    private static async Task StartWhenReadyAsync(ResourceController controller, List<Task> dependencies, CancellationTokenSource failed)
    {
        try
        {
            await Task.WhenAll(dependencies);
            failed.Token.ThrowIfCancellationRequested();
            await controller.StartAsync(failed.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failed.CancelAsync();
            throw;
        }
    }

    private async Task StopCoreAsync()
    {
        if (_stopped || !_started)
        {
            return;
        }

        _stopped = true;
        foreach (var layer in DependencyGraph.StopOrder(Resources))
        {
            var stops = _controllers.Where(c => layer.Contains(c.Resource)).Select(async c =>
            {
                try
                {
                    await c.StopAsync();
                }
                catch (Exception e)
                {
                    _reporter.Info($"{c.Name}: stop failed: {e.Message}");
                }
            });
            await Task.WhenAll(stops);
        }

        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        foreach (var controller in _controllers)
        {
            controller.Dispose();
        }

        _data.Release(KeepData);
    }

    private static ResourceController CreateController(Resource resource, OrchestrationContext context) => resource switch
    {
        ServerResource { IsExternal: true } external => new ExternalServerController(external, context),
        PostgresServerResource postgres => new PostgresController(postgres, context),
        RabbitMQServerResource rabbitMq => new RabbitMQController(rabbitMq, context),
        RedisResource redis => new RedisController(redis, context),
        PostgresDatabaseResource database => new DatabaseController(database, context),
        ProjectResource project => new ProjectController(project, context),
        _ => throw new NotSupportedException($"No controller for {resource}."),
    };
}
