using CrmPlatform.Messaging;
using CrmPlatform.ServiceDesk.Calendars;
using CrmPlatform.ServiceDesk.Customers;
using CrmPlatform.ServiceDesk.Policies;
using CrmPlatform.ServiceDesk.Satisfaction;
using CrmPlatform.ServiceDesk.Tickets;
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
    public DbSet<ContactReference> Contacts => Set<ContactReference>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketMessage> TicketMessages => Set<TicketMessage>();
    public DbSet<BusinessCalendar> Calendars => Set<BusinessCalendar>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<NpsResponse> NpsResponses => Set<NpsResponse>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ServiceDeskDbContext).Assembly);
    }
}
