using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;

namespace CrmPlatform.Customers.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<CustomersDbContext>(ResourceNames.CustomersDb, CustomersDbContext.Schema);
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddRabbitMqMessaging(ResourceNames.RabbitMq, ResourceNames.Customers);

        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CustomerCache>();
    }
}
