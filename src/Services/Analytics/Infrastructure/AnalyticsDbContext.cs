using CrmPlatform.Analytics.Customers;
using CrmPlatform.Analytics.Kpis;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Analytics.Purchases;
using CrmPlatform.Analytics.Relationships;
using CrmPlatform.Analytics.Value;
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
    public DbSet<PurchaseFact> Purchases => Set<PurchaseFact>();
    public DbSet<CustomerValue> CustomerValues => Set<CustomerValue>();
    public DbSet<NpsResponse> NpsResponses => Set<NpsResponse>();
    public DbSet<SatisfactionRating> SatisfactionRatings => Set<SatisfactionRating>();
    public DbSet<AcquisitionSpend> AcquisitionSpend => Set<AcquisitionSpend>();
    public DbSet<RelationshipFact> Relationships => Set<RelationshipFact>();
    public DbSet<ContactFact> Contacts => Set<ContactFact>();
    public DbSet<OverdueCommitment> OverdueCommitments => Set<OverdueCommitment>();
    public DbSet<SlaBreach> SlaBreaches => Set<SlaBreach>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AnalyticsDbContext).Assembly);
    }
}
