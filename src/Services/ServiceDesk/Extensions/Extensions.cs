using CrmPlatform.Contracts.Customers;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging;
using CrmPlatform.ServiceDesk.Customers;
using CrmPlatform.ServiceDesk.Infrastructure;

namespace CrmPlatform.ServiceDesk.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ServiceDeskDbContext>(ResourceNames.ServiceDeskDb, ServiceDeskDbContext.Schema);
        builder.AddReliableMessaging<ServiceDeskDbContext>(ResourceNames.RabbitMq, ResourceNames.ServiceDesk, events =>
            events.Handle<CustomerRegistered, CustomerRegisteredHandler>());
        builder.Services.AddOpenApi();
    }
}
