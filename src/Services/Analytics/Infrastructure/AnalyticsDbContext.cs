using CrmPlatform.Analytics.Customers;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Infrastructure;

/// <remarks>
/// A new migration, from the repository root:
/// <c>dotnet ef migrations add NAME --project src/Services/Analytics --output-dir Infrastructure/Migrations</c>
/// </remarks>
public sealed class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : DbContext(options)
{
    public const string Schema = "analytics";

    public DbSet<CustomerReference> Customers => Set<CustomerReference>();
    public DbSet<CountryTotal> CountryTotals => Set<CountryTotal>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AnalyticsDbContext).Assembly);
    }
}
