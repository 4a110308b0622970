using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmPlatform.EndToEndTests.Infrastructure;
using CrmPlatform.Hosting;
using Npgsql;

namespace CrmPlatform.EndToEndTests.Messaging;

/// <summary>
/// Real PostgreSQL, RabbitMQ and Redis and the services that publish and consume CustomerRegistered,
/// started in isolated mode by our hosting library in this process rather than through the AppHost
/// process: the tests need each resource's pid to kill it, and the orchestrator's restart of it.
/// One suite serves all fault tests; each test uses its own country and its own customers.
/// </summary>
public sealed class FaultSuite : IAsyncLifetime
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromMinutes(3);

    // The orchestrator's console: shown when a test fails, together with the services' logs.
    private readonly StringWriter _console = new(CultureInfo.InvariantCulture);
    private readonly TextWriter _output;
    private DistributedApplication? _app;
    private volatile bool _dispatchPaused;
    private volatile bool _runningPaused; // the value the running customers process was started with

    public FaultSuite() => _output = TextWriter.Synchronized(_console);

    /// <summary>Read by the customers service at each (re)start, as <c>Messaging__DispatchPaused</c>.</summary>
    public bool DispatchPaused
    {
        get => _dispatchPaused;
        set => _dispatchPaused = value;
    }

    public HttpClient Customers { get; private set; } = null!;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The suite has not started.");

    public string OrchestratorOutput
    {
        get
        {
            lock (_output)
            {
                return _console.ToString();
            }
        }
    }

    public string ConnectionString(string name) =>
        App.GetConnectionString(name) ?? throw new InvalidOperationException($"No connection string '{name}'.");

    public async Task InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Isolated = true,
            RepoRoot = AppHostProcess.RepoRoot(),
            ProjectConfiguration = AppHostProcess.BuildConfiguration,
            Output = _output,
        });
        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        var customersDb = postgres.AddDatabase(ResourceNames.CustomersDb, "customers");
        var interactionsDb = postgres.AddDatabase(ResourceNames.InteractionsDb, "interactions");
        var serviceDeskDb = postgres.AddDatabase(ResourceNames.ServiceDeskDb, "service_desk");
        var analyticsDb = postgres.AddDatabase(ResourceNames.AnalyticsDb, "analytics");
        var rabbitMq = builder.AddRabbitMQ(ResourceNames.RabbitMq);
        var redis = builder.AddRedis(ResourceNames.Redis);

        // As in src/AppHost/Program.cs, without the gateway: the tests post to the customers service.
        var identity = builder.AddProject(ResourceNames.Identity, "src/Services/Identity/CrmPlatform.Identity.csproj");
        builder.AddProject(ResourceNames.Customers, "src/Services/Customers/CrmPlatform.Customers.csproj")
            .WithReference(customersDb).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
            .WithEnvironment("Messaging__DispatchPaused", () => (_runningPaused = _dispatchPaused) ? "true" : "false")
            .WithMigrations()
            .WaitFor(customersDb).WaitFor(rabbitMq).WaitFor(redis);
        builder.AddProject(ResourceNames.Interactions, "src/Services/Interactions/CrmPlatform.Interactions.csproj")
            .WithReference(interactionsDb).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
            .WithMigrations()
            .WaitFor(interactionsDb).WaitFor(rabbitMq).WaitFor(redis);
        builder.AddProject(ResourceNames.ServiceDesk, "src/Services/ServiceDesk/CrmPlatform.ServiceDesk.csproj")
            .WithReference(serviceDeskDb).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
            .WithMigrations()
            .WaitFor(serviceDeskDb).WaitFor(rabbitMq).WaitFor(redis);
        builder.AddProject(ResourceNames.Analytics, "src/Services/Analytics/CrmPlatform.Analytics.csproj")
            .WithReference(analyticsDb).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
            .WithMigrations()
            .WaitFor(analyticsDb).WaitFor(rabbitMq).WaitFor(redis);

        _app = builder.Build();
        using var timeout = new CancellationTokenSource(_startTimeout);
        try
        {
            await _app.StartAsync(timeout.Token);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The fault suite did not start:\n{OrchestratorOutput}", e);
        }

        Customers = GatewayClient.Create(_app.GetEndpoint(ResourceNames.Customers), identity: _app.GetEndpoint(ResourceNames.Identity));
    }

    public async Task DisposeAsync()
    {
        Customers?.Dispose();

        // Idle pooled connections of the checks would make PostgreSQL's shutdown wait for them.
        NpgsqlConnection.ClearAllPools();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// SIGKILL, as a crash or the OOM killer would deliver it, to the resource's whole process group:
    /// the orchestrator starts each resource as a group leader, and rabbitmq-server is a shell whose
    /// Erlang VM is a child, so killing only the pid would leave the broker itself running.
    /// Returns the restart count before the kill, for <see cref="WaitUntilRestartedAsync"/>.
    /// </summary>
    public int Kill(string resource)
    {
        var snapshot = App.GetResourceSnapshot(resource);
        var pid = snapshot.Pid ?? throw new InvalidOperationException($"{resource} has no process ({snapshot.State}).");
        using var kill = Process.Start("kill", ["-KILL", "--", (-pid).ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        kill.ExitCode.ShouldBe(0, $"kill -9 of {resource} (process group {pid}) failed");
        return snapshot.Restarts;
    }

    /// <summary>Waits until the orchestrator has restarted the resource after a kill and it is healthy again.</summary>
    public async Task WaitUntilRestartedAsync(string resource, int restartsBefore, CancellationToken cancellationToken)
    {
        while (App.GetResourceSnapshot(resource) is not { State: ResourceState.Running } snapshot || snapshot.Restarts <= restartsBefore)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>
    /// Back to normal before a test: the customers service dispatching (an earlier test may have left
    /// it paused) and every resource running (an earlier test's restart may still be under way).
    /// </summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        DispatchPaused = false;
        while (App.GetResourceSnapshots().Any(s => s.State != ResourceState.Running))
        {
            await Task.Delay(100, cancellationToken);
        }

        if (_runningPaused)
        {
            await WaitUntilRestartedAsync(ResourceNames.Customers, Kill(ResourceNames.Customers), cancellationToken);
        }
    }

    /// <summary>What to read when a test fails: the orchestrator's console and the end of each resource's log.</summary>
    public string Diagnostics(int tailLines = 60)
    {
        var text = new StringBuilder(OrchestratorOutput);
        foreach (var snapshot in App.GetResourceSnapshots())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"--- {snapshot.Name}: {snapshot.State}, pid {snapshot.Pid}, {snapshot.Restarts} restarts, {snapshot.LogFile}");
            if (File.Exists(snapshot.LogFile))
            {
                foreach (var line in ReadShared(snapshot.LogFile).TakeLast(tailLines))
                {
                    text.AppendLine(line);
                }
            }
        }

        return text.ToString();
    }

    // The orchestrator still has the logs open for writing.
    private static List<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
