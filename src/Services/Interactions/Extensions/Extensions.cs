using CrmPlatform.Integrations;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;

namespace CrmPlatform.Interactions.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<InteractionsDbContext>(ResourceNames.InteractionsDb, InteractionsDbContext.Schema);
        builder.AddRabbitMqMessaging(ResourceNames.RabbitMq, ResourceNames.Interactions, bus =>
            bus.AddConsumer<CustomerRegisteredConsumer>());
        builder.Services.AddOpenApi();
    }
}
