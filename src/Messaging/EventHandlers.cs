using CrmPlatform.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Messaging;

/// <summary>
/// The events a service consumes. A service takes all events of one source (the publishing
/// service, named by the contracts namespace, e.g. <c>CrmPlatform.Contracts.Customers</c>) from one
/// queue, <c>{service}-from-{source}</c>, bound to every event type of that source: the source's
/// per-customer sequence then has no gaps in the queue, so the inbox can apply it strictly in order.
/// Types the service has no handler for pass through the inbox without effect.
/// </summary>
public sealed class EventHandlers<TContext>(string serviceName, IServiceCollection services) where TContext : DbContext
{
    private readonly Dictionary<Type, Type> _handlers = [];

    /// <summary>Applies <typeparamref name="TMessage"/> with <typeparamref name="THandler"/>.</summary>
    public EventHandlers<TContext> Handle<TMessage, THandler>()
        where TMessage : class
        where THandler : class, IEventHandler<TMessage>
    {
        if (!_handlers.TryAdd(typeof(TMessage), typeof(THandler)))
        {
            throw new InvalidOperationException($"{typeof(TMessage).Name} already has a handler in {serviceName}; one handler per event type.");
        }

        MessageTypes.Register(typeof(TMessage));
        services.AddScoped<IEventHandler<TMessage>, THandler>();
        return this;
    }

    internal bool Any => _handlers.Count > 0;

    /// <summary>Every type of every source this service listens to, each with the queue of its source.</summary>
    internal IReadOnlyList<(string Queue, Type MessageType)> Subscriptions =>
        [.. _handlers.Keys.Select(t => t.Namespace).Distinct()
            .SelectMany(source => MessageTypes.InNamespace(source).Select(type => (QueueNames.For(serviceName, source), type)))];

    internal IReadOnlyList<ConsumerRegistration> CreateRegistrations()
    {
        services.TryAddScoped(typeof(IEventHandler<>), typeof(IgnoredEvent<>));
        return [.. Subscriptions.Select(s => Registration(s.Queue, s.MessageType))];
    }

    internal void AddConsumers(IBusRegistrationConfigurator bus)
    {
        foreach (var (_, type) in Subscriptions)
        {
            bus.AddConsumer(typeof(ReliableConsumer<,>).MakeGenericType(typeof(TContext), type));
        }
    }

    internal void ConfigureEndpoints(IRabbitMqBusFactoryConfigurator rabbit, IBusRegistrationContext context, MessagingOptions options)
    {
        foreach (var source in Subscriptions.GroupBy(s => s.Queue))
        {
            rabbit.ReceiveEndpoint(source.Key, endpoint =>
            {
                // Durable, replicated, and consumed by one instance at a time (the others stand by).
                endpoint.SetQuorumQueue();
                endpoint.SingleActiveConsumer = true;
                endpoint.PrefetchCount = options.PrefetchCount;
                endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;

                // A malformed message, or one of a type nobody here consumes, is a fault: to the error
                // queue with its reason, not skipped silently (nor thrown back to loop forever).
                UnconsumableMessages.MoveToErrorQueue(endpoint, context.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UnconsumableMessages)));

                // One customer's events one at a time; the inbox's sequence check restores their
                // order if concurrent delivery lets a later one reach the partition first.
                var partitioner = endpoint.CreatePartitioner(options.ConcurrentMessageLimit);
                foreach (var (_, type) in source)
                {
                    typeof(EventHandlers<TContext>).GetMethod(nameof(ConfigureConsumer), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                        .MakeGenericMethod(type).Invoke(null, [endpoint, context, partitioner]);
                }
            });
        }
    }

    private static void ConfigureConsumer<TMessage>(IRabbitMqReceiveEndpointConfigurator endpoint, IBusRegistrationContext context, IPartitioner partitioner)
        where TMessage : class
    {
        endpoint.UsePartitioner<TMessage>(partitioner, PartitionKey);
        endpoint.ConfigureConsumer<ReliableConsumer<TContext, TMessage>>(context);
    }

    private static ConsumerRegistration Registration(string queue, Type messageType) =>
        (ConsumerRegistration)typeof(ConsumerRegistration).GetMethod(nameof(ConsumerRegistration.Create), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(typeof(TContext), messageType).Invoke(null, [queue])!;

    private static Guid PartitionKey<TMessage>(ConsumeContext<TMessage> context) where TMessage : class
    {
        var incoming = IncomingEvent.From(context);
        return incoming.CustomerId != Guid.Empty ? incoming.CustomerId : incoming.MessageId;
    }
}

public static class QueueNames
{
    /// <summary>The queue on which a service takes the events of one source: <c>{service}-from-{source}</c>.</summary>
    public static string For(string serviceName, string? sourceNamespace) =>
        $"{serviceName}-from-{KebabCaseEndpointNameFormatter.Instance.SanitizeName(sourceNamespace?.Split('.')[^1] ?? "events")}";
}
