using CrmPlatform.ServiceDesk.Customers;
using CrmPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.ServiceDesk.Infrastructure;

/// <remarks>
/// A new migration, from the repository root:
/// <c>dotnet ef migrations add NAME --project src/Services/ServiceDesk --output-dir Infrastructure/Migrations</c>
/// </remarks>
public sealed class ServiceDeskDbContext(DbContextOptions<ServiceDeskDbContext> options) : DbContext(options)
{
    public const string Schema = "service_desk";

    public DbSet<CustomerReference> Customers => Set<CustomerReference>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ServiceDeskDbContext).Assembly);
    }
}
