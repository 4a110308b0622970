namespace CrmPlatform.Hosting.Orchestration;

/// <summary>
/// Runs one resource: starts it (returning once healthy), watches its health every few seconds,
/// and stops it. Holds the resource's runtime state for the console and the dashboard.
/// </summary>
internal abstract class ResourceController(Resource resource, OrchestrationContext context) : IDisposable
{
    public static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private ResourceState _state = ResourceState.Waiting;
    private HealthStatus _health = HealthStatus.Unknown;
    private int? _pid;
    private int _restarts;
    private DateTimeOffset? _startedAt;

    public Resource Resource { get; } = resource;

    public string Name => Resource.Name;

    protected OrchestrationContext Context { get; } = context;

    public ResourceLog Log { get; } = new(context.Data.LogFile(resource.Name));

    public ResourceState State => _state;

    /// <summary>True once <see cref="StartAsync"/> began, so a failed start-up knows what to stop.</summary>
    public bool WasStarted { get; private set; }

    protected DateTimeOffset? StartedAt => _startedAt;

    public virtual bool IsExternal => false;

    public virtual IReadOnlyList<string> Endpoints => [];

    /// <summary>Starts the resource; returns once it is healthy, throws <see cref="DistributedApplicationException"/> otherwise.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        WasStarted = true;
        await StartCoreAsync(cancellationToken);
    }

    public abstract Task StopAsync();

    protected abstract Task StartCoreAsync(CancellationToken cancellationToken);

    public ResourceSnapshot Snapshot()
    {
        lock (_gate)
        {
            var running = _state is ResourceState.Running or ResourceState.Unhealthy;
            return new ResourceSnapshot(
                Name,
                Resource.Kind,
                _state,
                _health,
                Endpoints,
                _pid,
                _restarts,
                running ? _startedAt : null,
                running && _startedAt is { } at ? Math.Round((DateTimeOffset.Now - at).TotalSeconds, 1) : null,
                Log.Path,
                IsExternal);
        }
    }

    protected void SetState(ResourceState state, int? pid = null, bool keepPid = false)
    {
        bool changed;
        lock (_gate)
        {
            changed = _state != state || (!keepPid && _pid != pid);
            _state = state;
            if (!keepPid)
            {
                _pid = pid;
            }

            if (state == ResourceState.Running && _health != HealthStatus.Healthy)
            {
                _health = HealthStatus.Healthy;
            }

            if (state is ResourceState.Stopped or ResourceState.Failed or ResourceState.Exited)
            {
                _health = HealthStatus.Unknown;
            }
        }

        if (changed)
        {
            Context.Reporter.StateChanged(Name, state, keepPid ? _pid : pid);
        }
    }

    protected void MarkStarted() => _startedAt = DateTimeOffset.Now;

    protected void CountRestart() => Interlocked.Increment(ref _restarts);

    /// <summary>Records a periodic health result; Running ⇄ Unhealthy follows it.</summary>
    protected void ReportHealth(bool healthy)
    {
        lock (_gate)
        {
            _health = healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        }

        if (healthy && State == ResourceState.Unhealthy)
        {
            SetState(ResourceState.Running, keepPid: true);
        }
        else if (!healthy && State == ResourceState.Running)
        {
            SetState(ResourceState.Unhealthy, keepPid: true);
        }
    }

    protected DistributedApplicationException Failure(string reason)
    {
        Log.Append($"[apphost] {reason}", isError: true);
        SetState(ResourceState.Failed);
        return new DistributedApplicationException($"Resource '{Name}' {reason}; see {Log.Path}");
    }

    public virtual void Dispose() => Log.Dispose();
}
