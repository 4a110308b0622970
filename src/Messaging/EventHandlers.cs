using CrmPlatform.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Messaging;

/// <summary>The events a service consumes, each with its handler and its own queue.</summary>
public sealed class EventHandlers<TContext>(string serviceName, IServiceCollection services) where TContext : DbContext
{
    private readonly List<ConsumerRegistration> _registrations = [];
    private readonly List<Action<IBusRegistrationConfigurator>> _consumers = [];
    private readonly List<Action<IRabbitMqBusFactoryConfigurator, IBusRegistrationContext, MessagingOptions>> _endpoints = [];

    internal IReadOnlyList<ConsumerRegistration> Registrations => _registrations;

    /// <summary>
    /// Applies <typeparamref name="TMessage"/> with <typeparamref name="THandler"/> from the queue
    /// <c>{service}-{event-name}</c>, e.g. <c>analytics-customer-registered</c>.
    /// </summary>
    public EventHandlers<TContext> Handle<TMessage, THandler>()
        where TMessage : class
        where THandler : class, IEventHandler<TMessage>
    {
        var queue = QueueNames.For(serviceName, typeof(TMessage));
        if (_registrations.Any(r => r.MessageType == typeof(TMessage)))
        {
            throw new InvalidOperationException($"{typeof(TMessage).Name} already has a handler in {serviceName}; one handler per event type.");
        }

        MessageTypes.Register(typeof(TMessage));
        services.AddScoped<IEventHandler<TMessage>, THandler>();
        _registrations.Add(ConsumerRegistration.Create<TContext, TMessage>(queue));
        _consumers.Add(bus => bus.AddConsumer<ReliableConsumer<TContext, TMessage>>());
        _endpoints.Add((rabbit, context, options) => rabbit.ReceiveEndpoint(queue, endpoint =>
        {
            // Durable, replicated, and consumed by one instance at a time (the others stand by), so a
            // queue's order survives several instances of a service.
            endpoint.SetQuorumQueue();
            endpoint.SingleActiveConsumer = true;
            endpoint.PrefetchCount = options.PrefetchCount;
            endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;

            // A message of a type nobody here consumes is a fault, not something to skip silently.
            endpoint.ThrowOnSkippedMessages();

            // One customer's events one at a time, in arrival order; different customers in parallel.
            var partitioner = endpoint.CreatePartitioner(options.ConcurrentMessageLimit);
            endpoint.UsePartitioner<TMessage>(partitioner, PartitionKey);
            endpoint.ConfigureConsumer<ReliableConsumer<TContext, TMessage>>(context);
        }));
        return this;
    }

    internal void AddConsumers(IBusRegistrationConfigurator bus) => _consumers.ForEach(add => add(bus));

    internal void ConfigureEndpoints(IRabbitMqBusFactoryConfigurator rabbit, IBusRegistrationContext context, MessagingOptions options) =>
        _endpoints.ForEach(configure => configure(rabbit, context, options));

    private static Guid PartitionKey<TMessage>(ConsumeContext<TMessage> context) where TMessage : class
    {
        var incoming = IncomingEvent.From(context);
        return incoming.CustomerId != Guid.Empty ? incoming.CustomerId : incoming.MessageId;
    }
}

public static class QueueNames
{
    /// <summary>The queue of a service's consumer of one event type: <c>{service}-{event-name}</c>.</summary>
    public static string For(string serviceName, Type messageType) =>
        $"{serviceName}-{KebabCaseEndpointNameFormatter.Instance.SanitizeName(messageType.Name)}";
}
