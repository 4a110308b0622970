using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Messaging.Inbox;

/// <summary>One event type a service consumes: its queue (the consumer's name in the inbox) and typed entry points.</summary>
public sealed class ConsumerRegistration
{
    private ConsumerRegistration(string queue, Type messageType, Func<IServiceProvider, DeferredRow, CancellationToken, Task<ApplyOutcome>> applyDeferred,
        Func<ISendEndpointProvider, DeferredRow, CancellationToken, Task> deadLetter)
    {
        Queue = queue;
        MessageType = messageType;
        ApplyDeferred = applyDeferred;
        DeadLetter = deadLetter;
    }

    public string Queue { get; }
    public Type MessageType { get; }
    internal Func<IServiceProvider, DeferredRow, CancellationToken, Task<ApplyOutcome>> ApplyDeferred { get; }
    internal Func<ISendEndpointProvider, DeferredRow, CancellationToken, Task> DeadLetter { get; }

    public string ErrorQueue => Queue + "_error";

    internal static ConsumerRegistration Create<TContext, TMessage>(string queue) where TContext : DbContext where TMessage : class =>
        new(queue, typeof(TMessage),
            (services, row, cancellationToken) => services.GetRequiredService<InboxProcessor<TContext>>()
                .ApplyAsync(queue, row.Incoming, Deserialize<TMessage>(row), row.Position, cancellationToken),
            async (sender, row, cancellationToken) =>
            {
                var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{queue}_error"));
                await endpoint.Send(Deserialize<TMessage>(row), Pipe.Execute<SendContext<TMessage>>(context => StampFault(context, row)), cancellationToken);
            });

    private static TMessage Deserialize<TMessage>(DeferredRow row) where TMessage : class =>
        JsonSerializer.Deserialize<TMessage>(row.Body, MessageTypes.Json)
            ?? throw new InvalidOperationException($"Deferred event {row.Incoming.MessageId} has an empty body.");

    /// <summary>The same fault headers MassTransit puts on messages it moves to an error queue.</summary>
    private static void StampFault(SendContext context, DeferredRow row)
    {
        context.MessageId = row.Incoming.MessageId;
        context.Durable = true;
        context.Headers.Set(MessageHeaders.CustomerId, row.Incoming.CustomerId.ToString());
        context.Headers.Set(MessageHeaders.Sequence, row.Incoming.Sequence);
        context.Headers.Set(MessageHeaders.OccurredAt, row.Incoming.OccurredAt.UtcDateTime.ToString("O"));
        if (row.Incoming.CorrelationId is { } correlationId)
        {
            context.Headers.Set(MessageHeaders.CorrelationId, correlationId);
        }

        context.Headers.Set("MT-Reason", "fault");
        context.Headers.Set("MT-Fault-Message", row.LastError);
        context.Headers.Set("MT-Fault-Timestamp", DateTime.UtcNow.ToString("O"));
        context.Headers.Set("MT-Redelivery-Count", row.Attempts);
    }
}

/// <summary>A claimed row of the deferred table.</summary>
internal sealed record DeferredRow(long Position, string Consumer, string MessageType, string Body, IncomingEvent Incoming, int Attempts, string? LastError);
