namespace CrmPlatform.Hosting;

/// <summary>
/// A database on a PostgreSQL server. It has no process of its own: "starting" it means creating
/// the database when missing, so a service's migrations always find it.
/// </summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString
{
    public override string Kind => "database";

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;

    public override IEnumerable<Resource> ImplicitDependencies => [Parent];

    public string? ConnectionString => Parent.ConnectionString is { } server
        ? PostgresServerResource.DeriveDatabaseConnectionString(server, DatabaseName)
        : null;
}
