namespace CrmPlatform.Hosting;

/// <summary>
/// A backing server (PostgreSQL, RabbitMQ, Redis). It is either started locally by the AppHost or,
/// when configuration has <c>ConnectionStrings:&lt;name&gt;</c>, used as an external server as is.
/// </summary>
public abstract class ServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    /// <summary>Set when the server is external: the configured connection string.</summary>
    public string? ExternalConnectionString { get; internal set; }

    public bool IsExternal => ExternalConnectionString is not null;

    /// <summary>The local server's port (resolved at start).</summary>
    public int Port { get; internal set; }

    /// <summary>The local server's generated password (resolved at start).</summary>
    public string Password { get; internal set; } = "";

    /// <summary>Port used in normal mode when configuration does not override it.</summary>
    internal abstract int DefaultPort { get; }

    public string? ConnectionString =>
        ExternalConnectionString ?? (Port == 0 ? null : BuildLocalConnectionString());

    protected abstract string BuildLocalConnectionString();
}
