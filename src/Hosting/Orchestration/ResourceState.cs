namespace CrmPlatform.Hosting;

/// <summary>Life-cycle states shown on the console and the dashboard.</summary>
public enum ResourceState
{
    /// <summary>Not started yet: waiting for its dependencies to become healthy.</summary>
    Waiting,
    Starting,
    Migrating,
    Running,
    Unhealthy,
    Restarting,
    Exited,
    Stopping,
    Stopped,
    Failed,
}

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>A point-in-time view of one resource, as served by <c>GET /api/resources</c>.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Kind,
    ResourceState State,
    HealthStatus Health,
    IReadOnlyList<string> Endpoints,
    int? Pid,
    int Restarts,
    DateTimeOffset? StartedAt,
    double? UptimeSeconds,
    string LogFile,
    bool External);
