using MassTransit;
using Microsoft.Extensions.Hosting;

namespace CrmPlatform.Integrations;

public static class RabbitMqExtensions
{
    /// <summary>
    /// MassTransit on the RabbitMQ broker named by <paramref name="connectionName"/> (an amqp:// URI with
    /// credentials). Endpoints get kebab-case names from their consumers, prefixed with the service name
    /// so two services consuming one event each get their own queue. MassTransit registers its own bus
    /// health check, which <c>/health</c> includes.
    /// </summary>
    public static IHostApplicationBuilder AddRabbitMqMessaging(
        this IHostApplicationBuilder builder, string connectionName, string serviceName, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var brokerUri = new Uri(ConnectionStrings.Require(builder.Configuration, connectionName));
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));

            // MassTransit 8.4+ reports usage to its vendor over the internet by default. A CRM holding
            // personal data sends nothing anywhere its operators did not choose.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(brokerUri);
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
