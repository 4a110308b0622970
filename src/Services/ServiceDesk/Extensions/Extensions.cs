using CrmPlatform.Integrations;
using CrmPlatform.ServiceDesk.Customers;
using CrmPlatform.ServiceDesk.Infrastructure;

namespace CrmPlatform.ServiceDesk.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ServiceDeskDbContext>(ResourceNames.ServiceDeskDb, ServiceDeskDbContext.Schema);
        builder.AddRabbitMqMessaging(ResourceNames.RabbitMq, ResourceNames.ServiceDesk, bus =>
            bus.AddConsumer<CustomerRegisteredConsumer>());
        builder.Services.AddOpenApi();
    }
}
