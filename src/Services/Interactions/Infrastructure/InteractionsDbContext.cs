using CrmPlatform.Interactions.Commitments;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.InteractionLog;
using CrmPlatform.Interactions.Timeline;
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
    public DbSet<ContactReference> Contacts => Set<ContactReference>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<Commitment> Commitments => Set<Commitment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InteractionsDbContext).Assembly);
    }
}
