using CrmPlatform.Analytics.Customers;
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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AnalyticsDbContext).Assembly);
    }
}
