using CrmPlatform.Analytics.Customers;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Integrations;

namespace CrmPlatform.Analytics.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<AnalyticsDbContext>(ResourceNames.AnalyticsDb, AnalyticsDbContext.Schema);
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddRabbitMqMessaging(ResourceNames.RabbitMq, ResourceNames.Analytics, bus =>
            bus.AddConsumer<CustomerRegisteredConsumer>());

        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SummaryCache>();
    }
}
