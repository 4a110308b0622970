using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmPlatform.Integrations;

/// <summary>
/// Lets <c>dotnet ef</c> build a service's model without starting the service or reaching a server;
/// each service derives a one-line factory naming its schema.
/// </summary>
public abstract class NpgsqlDesignTimeDbContextFactory<TContext>(string schema) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        PostgresExtensions.Configure(options, "Host=design-time", schema);
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}
