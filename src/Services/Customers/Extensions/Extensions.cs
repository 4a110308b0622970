using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging;

namespace CrmPlatform.Customers.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<CustomersDbContext>(ResourceNames.CustomersDb, CustomersDbContext.Schema);
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddReliableMessaging<CustomersDbContext>(ResourceNames.RabbitMq, ResourceNames.Customers);

        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CustomerCache>();
    }
}
