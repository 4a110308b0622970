namespace CrmPlatform.Hosting.Orchestration;

/// <summary>How to launch one process.</summary>
internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Run as this user via setpriv (PostgreSQL refuses to run as root).</summary>
    public string? RunAsUser { get; init; }

    /// <summary>What the log marker calls this run ("started", "migrate started", "initdb started").</summary>
    public string LogLabel { get; init; } = "started";
}
