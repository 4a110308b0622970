using CrmPlatform.Integrations;

namespace CrmPlatform.Customers.Infrastructure;

internal sealed class DesignTimeDbContextFactory() : NpgsqlDesignTimeDbContextFactory<CustomersDbContext>(CustomersDbContext.Schema);
