using CrmPlatform.Integrations;

namespace CrmPlatform.Interactions.Infrastructure;

internal sealed class DesignTimeDbContextFactory() : NpgsqlDesignTimeDbContextFactory<InteractionsDbContext>(InteractionsDbContext.Schema);
