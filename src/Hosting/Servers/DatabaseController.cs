using CrmPlatform.Hosting.Orchestration;
using Npgsql;

namespace CrmPlatform.Hosting.Servers;

/// <summary>
/// A database on a (local or external) PostgreSQL server: created when missing, then health-checked.
/// Creating it here means a service's migrations never race each other to create it.
/// </summary>
internal sealed class DatabaseController(PostgresDatabaseResource database, OrchestrationContext context)
    : ProbedResourceController(database, context)
{
    public override IReadOnlyList<string> Endpoints => [];

    public override bool IsExternal => database.Parent.IsExternal;

    protected override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.Parent.ConnectionString!) { Pooling = false };
        if (string.IsNullOrEmpty(builder.Database) || builder.Database == database.DatabaseName)
        {
            builder.Database = "postgres";
        }

        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database.DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // Identifiers cannot be parameters; quote it (doubling embedded quotes) instead.
            var quoted = "\"" + database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            Log.Append($"[apphost] created database {quoted}", false);
        }
    }

    /// <summary>Before creation the database cannot be probed itself, so the first probes go to the server.</summary>
    protected override Task<bool> ProbeAsync(CancellationToken cancellationToken) =>
        HealthProbes.PostgresAsync(
            State == ResourceState.Starting ? database.Parent.ConnectionString! : database.ConnectionString!,
            cancellationToken);
}
