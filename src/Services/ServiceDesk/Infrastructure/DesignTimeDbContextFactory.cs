using CrmPlatform.Integrations;

namespace CrmPlatform.ServiceDesk.Infrastructure;

internal sealed class DesignTimeDbContextFactory() : NpgsqlDesignTimeDbContextFactory<ServiceDeskDbContext>(ServiceDeskDbContext.Schema);
