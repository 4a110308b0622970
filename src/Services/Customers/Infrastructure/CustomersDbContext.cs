using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Contacts;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Import;
using CrmPlatform.Customers.Qualification;
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
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<QualificationAssessment> Assessments => Set<QualificationAssessment>();
    public DbSet<OverdueInvoice> OverdueInvoices => Set<OverdueInvoice>();
    public DbSet<CustomerChange> Changes => Set<CustomerChange>();
    public DbSet<CustomerAlias> Aliases => Set<CustomerAlias>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
    }
}
