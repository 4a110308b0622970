using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace CrmPlatform.Integrations;

public static class PostgresExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the PostgreSQL database named by
    /// <paramref name="connectionName"/>, with snake_case names, the migrations history table in the
    /// service's own schema, transient-failure retries off (the outbox and explicit transactions need
    /// them off) and a health check. <paramref name="sessionSettings"/> are server settings for every session of the
    /// service (<c>-c work_mem=64MB</c>), added to any the connection string already names; <paramref name="commandTimeout"/>
    /// replaces Npgsql's 30 s unless the connection string sets one.
    /// </summary>
    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder, string connectionName, string schema, string? sessionSettings = null, TimeSpan? commandTimeout = null)
        where TContext : DbContext
    {
        var sessions = WithSessionSettings(WithAutoPrepare(ConnectionStrings.Require(builder.Configuration, connectionName)), sessionSettings);
        var connectionString = WithCommandTimeout(sessions, commandTimeout);
        builder.Services.AddDbContextPool<TContext>(options => Configure(options, connectionString, schema));
        // The health probe keeps the short default: a database that stops answering must turn it red, not hang it.
        builder.Services.AddHealthChecks().AddNpgSql(sessions, name: connectionName, tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Statements a service runs again and again (the outbox claim, the inbox's lock and checks, its
    /// inserts) are prepared on the server after their second use, unless the connection string says
    /// otherwise: parsing and planning was a large share of the database's time per event.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    internal static string WithCommandTimeout(string connectionString, TimeSpan? commandTimeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (commandTimeout is { } timeout && !builder.ContainsKey("Command Timeout"))
        {
            builder.CommandTimeout = (int)timeout.TotalSeconds;
        }

        return builder.ConnectionString;
    }

    internal static string WithSessionSettings(string connectionString, string? sessionSettings)
    {
        if (string.IsNullOrWhiteSpace(sessionSettings))
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? sessionSettings : $"{sessionSettings} {builder.Options}";
        return builder.ConnectionString;
    }

    /// <summary>The one place the Npgsql options are set, shared by run time and design time.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString, string schema) =>
        options
            .UseNpgsql(connectionString, npgsql => ConfigureNpgsql(npgsql, schema))
            .UseSnakeCaseNamingConvention();

    private static void ConfigureNpgsql(NpgsqlDbContextOptionsBuilder npgsql, string schema) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history", schema);

    /// <summary>
    /// Migrations are an explicit step: with <c>--migrate</c> the process applies pending migrations and
    /// exits (the AppHost runs it before the service serves traffic); without it, it serves.
    /// </summary>
    public static async Task RunOrMigrateAsync<TContext>(this WebApplication app, string[] args) where TContext : DbContext
    {
        if (!args.Contains("--migrate"))
        {
            await app.RunAsync();
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        app.Logger.LogInformation("Applied {Count} migration(s) to {Database}: {Migrations}",
            pending.Count, db.Database.GetDbConnection().Database, string.Join(", ", pending));
    }
}
