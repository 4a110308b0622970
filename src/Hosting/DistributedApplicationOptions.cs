namespace CrmPlatform.Hosting;

public sealed class DistributedApplicationOptions
{
    /// <summary>Command-line arguments (flags and configuration overrides).</summary>
    public string[] Args { get; init; } = [];

    /// <summary>Fresh temp data dir and free ports (tests, parallel runs). Same as <c>--isolated</c>.</summary>
    public bool Isolated { get; init; }

    /// <summary>Data directory; same as <c>--data-dir</c>. Default: <c>&lt;repo&gt;/.apphost</c> or a temp dir when isolated.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Keep an isolated data directory after stop; same as <c>--keep-data</c>.</summary>
    public bool KeepData { get; init; }

    /// <summary>Repository root; null = walk up from the application base directory to CrmPlatform.sln.</summary>
    public string? RepoRoot { get; init; }

    /// <summary>Build configuration of the projects to run; null = the entry assembly's own configuration.</summary>
    public string? ProjectConfiguration { get; init; }

    /// <summary>Where state changes and the ready line go; null = the console.</summary>
    public TextWriter? Output { get; init; }
}
