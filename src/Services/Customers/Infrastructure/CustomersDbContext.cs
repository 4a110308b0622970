using CrmPlatform.Customers.Accounts;
using CrmPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.Infrastructure;

/// <remarks>
/// A new migration, from the repository root:
/// <c>dotnet ef migrations add NAME --project src/Services/Customers --output-dir Infrastructure/Migrations</c>
/// </remarks>
public sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : DbContext(options)
{
    public const string Schema = "customers";

    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
    }
}
