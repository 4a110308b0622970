using CrmPlatform.Contracts.Customers;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;

namespace CrmPlatform.Interactions.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<InteractionsDbContext>(ResourceNames.InteractionsDb, InteractionsDbContext.Schema);
        builder.AddReliableMessaging<InteractionsDbContext>(ResourceNames.RabbitMq, ResourceNames.Interactions, events =>
            events.Handle<CustomerRegistered, CustomerRegisteredHandler>());
        builder.Services.AddOpenApi();
    }
}
