using CrmPlatform.Analytics.Customers;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging;

namespace CrmPlatform.Analytics.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<AnalyticsDbContext>(ResourceNames.AnalyticsDb, AnalyticsDbContext.Schema);
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddReliableMessaging<AnalyticsDbContext>(ResourceNames.RabbitMq, ResourceNames.Analytics, events =>
            events.Handle<CustomerRegistered, CustomerRegisteredHandler>());

        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SummaryCache>();
    }
}
