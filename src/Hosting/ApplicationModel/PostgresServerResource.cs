using Npgsql;

namespace CrmPlatform.Hosting;

public sealed class PostgresServerResource(string name) : ServerResource(name)
{
    private readonly List<PostgresDatabaseResource> _databases = [];

    public override string Kind => "postgres";

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    /// <summary>Server settings passed as <c>-c name=value</c> to a local server (an external one keeps its own).</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    internal override int DefaultPort => 55432;

    internal void AddDatabase(PostgresDatabaseResource database) => _databases.Add(database);

    protected override string BuildLocalConnectionString() =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password}";

    /// <summary>
    /// Derives a database's connection string from the server's. Going through the builder (rather
    /// than appending text) keeps whatever else an external connection string sets (SSL, timeouts).
    /// </summary>
    public static string DeriveDatabaseConnectionString(string serverConnectionString, string databaseName) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ConnectionString;
}
