using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Inbox;
using CrmPlatform.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Reliable events for a service whose data lives in <typeparamref name="TContext"/>: events added
    /// with <c>db.AddEvent(...)</c> are published from its outbox after commit, and the handlers given
    /// in <paramref name="handlers"/> apply events exactly once through its inbox. The broker is the
    /// RabbitMQ resource named by <paramref name="connectionName"/> (an amqp:// URI with credentials).
    /// </summary>
    public static IHostApplicationBuilder AddReliableMessaging<TContext>(
        this IHostApplicationBuilder builder, string connectionName, string serviceName, Action<EventHandlers<TContext>>? handlers = null)
        where TContext : DbContext
    {
        var brokerUri = new Uri(ConnectionStrings.Require(builder.Configuration, connectionName));
        var services = builder.Services;
        services.AddOptions<MessagingOptions>()
            .Bind(builder.Configuration.GetSection(MessagingOptions.SectionName))
            .PostConfigure(options => options.ApplyDefaults());

        var consumers = new EventHandlers<TContext>(serviceName, services);
        handlers?.Invoke(consumers);

        services.AddSingleton<OutboxSignal<TContext>>();
        services.AddSingleton<OutboxCommitInterceptor<TContext>>();
        services.ConfigureDbContext<TContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor<TContext>>()));
        services.AddScoped<InboxProcessor<TContext>>();
        services.AddSingleton(new ConsumerRegistrations(consumers.CreateRegistrations()));
        services.AddSingleton<DeferredMessages<TContext>>();
        services.AddHostedService<OutboxDispatcher<TContext>>();
        services.AddHostedService<MessagingHousekeeping<TContext>>();
        if (consumers.Any)
        {
            services.AddHostedService<DeferredMessageProcessor<TContext>>();
        }

        services.AddHealthChecks().AddCheck<OutboxHealthCheck<TContext>>("outbox", tags: ["ready"]);

        services.AddMassTransit(bus =>
        {
            // MassTransit 8.4+ reports usage to its vendor over the internet by default. A CRM holding
            // personal data sends nothing anywhere its operators did not choose.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            consumers.AddConsumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(brokerUri, host => host.PublisherConfirmation = true);
                rabbit.SendTopology.DeadLetterQueueNameFormatter = new UnconsumableMessages.ErrorQueueNames();
                consumers.ConfigureEndpoints(rabbit, context, context.GetRequiredService<IOptions<MessagingOptions>>().Value);
            });
        });
        return builder;
    }
}
