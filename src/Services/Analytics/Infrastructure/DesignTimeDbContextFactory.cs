using CrmPlatform.Integrations;

namespace CrmPlatform.Analytics.Infrastructure;

internal sealed class DesignTimeDbContextFactory() : NpgsqlDesignTimeDbContextFactory<AnalyticsDbContext>(AnalyticsDbContext.Schema);
