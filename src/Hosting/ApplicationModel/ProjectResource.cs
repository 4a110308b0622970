namespace CrmPlatform.Hosting;

/// <summary>A .NET project of the repository, run from its build output.</summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name)
{
    public override string Kind => "project";

    /// <summary>Path of the .csproj relative to the repository root.</summary>
    public string ProjectPath { get; } = projectPath;

    /// <summary>Fixed HTTP port requested with WithHttpEndpoint (normal mode only).</summary>
    public int? RequestedPort { get; internal set; }

    /// <summary>Whether <c>dotnet &lt;dll&gt; --migrate</c> must succeed before the project starts.</summary>
    public bool RunsMigrations { get; internal set; }

    /// <summary>Extra variables, evaluated at every start (and restart), like Aspire's environment callbacks.</summary>
    public IDictionary<string, Func<string>> EnvironmentCallbacks { get; } = new Dictionary<string, Func<string>>(StringComparer.Ordinal);

    /// <summary>The HTTP port the project listens on (resolved at start).</summary>
    public int Port { get; internal set; }

    public Uri? Endpoint => Port == 0 ? null : new Uri($"http://127.0.0.1:{Port}");
}
