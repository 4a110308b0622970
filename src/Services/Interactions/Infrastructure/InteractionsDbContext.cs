using CrmPlatform.Interactions.Customers;
using CrmPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Infrastructure;

/// <remarks>
/// A new migration, from the repository root:
/// <c>dotnet ef migrations add NAME --project src/Services/Interactions --output-dir Infrastructure/Migrations</c>
/// </remarks>
public sealed class InteractionsDbContext(DbContextOptions<InteractionsDbContext> options) : DbContext(options)
{
    public const string Schema = "interactions";

    public DbSet<CustomerReference> Customers => Set<CustomerReference>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InteractionsDbContext).Assembly);
    }
}
