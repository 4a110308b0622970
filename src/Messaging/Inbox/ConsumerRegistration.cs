using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Messaging.Inbox;

/// <summary>One event type a service consumes: its queue (the consumer's name in the inbox) and typed entry points.</summary>
public sealed class ConsumerRegistration
{
    private ConsumerRegistration(string queue, Type messageType,
        Func<IServiceProvider, DeferredRow, bool, CancellationToken, Task<ApplyOutcome>> applyDeferred,
        Func<ISendEndpointProvider, DeferredRow, CancellationToken, Task> deadLetter)
    {
        Queue = queue;
        MessageType = messageType;
        ApplyDeferred = applyDeferred;
        DeadLetter = deadLetter;
    }

    public string Queue { get; }
    public Type MessageType { get; }
    public string MessageUrn => MessageTypes.UrnOf(MessageType);
    /// <summary>Marks an event that exhausted its redeliveries; its consumer moves it to the error queue.</summary>
    internal const string DeadLetterHeader = "crm-dead-letter";

    /// <summary>Applies a deferred row through the inbox (args: services of a scope, row, skip the gap).</summary>
    internal Func<IServiceProvider, DeferredRow, bool, CancellationToken, Task<ApplyOutcome>> ApplyDeferred { get; }

    internal Func<ISendEndpointProvider, DeferredRow, CancellationToken, Task> DeadLetter { get; }

    internal static ConsumerRegistration Create<TContext, TMessage>(string queue) where TContext : DbContext where TMessage : class =>
        new(queue, typeof(TMessage),
            (services, row, skipGap, cancellationToken) => services.GetRequiredService<InboxProcessor<TContext>>()
                .ApplyAsync(queue, row.Incoming, Deserialize<TMessage>(row), row.Position, skipGap, cancellationToken),
            async (sender, row, cancellationToken) =>
            {
                // Back through the endpoint's own exchange, marked: the consumer then faults it and
                // MassTransit's error transport moves it to the error queue with its fault headers.
                // (Sending to the error queue directly would have to guess the queue's arguments.)
                var endpoint = await sender.GetSendEndpoint(new Uri($"exchange:{queue}"));
                await endpoint.Send(Deserialize<TMessage>(row), Pipe.Execute<SendContext<TMessage>>(context => StampDeadLetter(context, row)), cancellationToken);
            });

    private static TMessage Deserialize<TMessage>(DeferredRow row) where TMessage : class =>
        JsonSerializer.Deserialize<TMessage>(row.Body, MessageTypes.Json)
            ?? throw new InvalidOperationException($"Deferred event {row.Incoming.MessageId} has an empty body.");

    /// <summary>Our headers, and the reason the event is given up on.</summary>
    private static void StampDeadLetter(SendContext context, DeferredRow row)
    {
        context.MessageId = row.Incoming.MessageId;
        context.Durable = true;
        context.Headers.Set(EventHeaders.CustomerId, row.Incoming.CustomerId.ToString());
        context.Headers.Set(EventHeaders.Sequence, row.Incoming.Sequence);
        context.Headers.Set(EventHeaders.OccurredAt, row.Incoming.OccurredAt.UtcDateTime.ToString("O"));
        if (row.Incoming.CorrelationId is { } correlationId)
        {
            context.Headers.Set(EventHeaders.CorrelationId, correlationId);
        }

        context.Headers.Set(DeadLetterHeader, $"failed {row.Attempts} times; last: {row.LastError}");
    }
}

/// <summary>A row of the deferred table.</summary>
internal sealed record DeferredRow(long Position, string Consumer, string MessageType, string Body, IncomingEvent Incoming, int Attempts, string? LastError);

/// <summary>The service's consumers: one per event type, grouped in one queue per source.</summary>
public sealed class ConsumerRegistrations(IEnumerable<ConsumerRegistration> registrations)
{
    private readonly Dictionary<(string Queue, string Urn), ConsumerRegistration> _byQueueAndType =
        registrations.ToDictionary(r => (r.Queue, r.MessageUrn));

    public ConsumerRegistration For(Type messageType) => _byQueueAndType.Values.Single(r => r.MessageType == messageType);

    internal ConsumerRegistration? For(string queue, string messageUrn) => _byQueueAndType.GetValueOrDefault((queue, messageUrn));
}
