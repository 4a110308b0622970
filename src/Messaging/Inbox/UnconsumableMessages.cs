using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Messaging.Inbox;

/// <summary>
/// A message no consumer here can take (its body is not valid JSON, or its type is one nobody here
/// consumes) is what MassTransit calls skipped. We log why and move it to the endpoint's error queue,
/// beside the events whose handlers failed, so ops have one place to look; it never blocks the queue.
/// </summary>
internal static partial class UnconsumableMessages
{
    public static void MoveToErrorQueue(IRabbitMqReceiveEndpointConfigurator endpoint, ILogger logger) =>
        endpoint.ConfigureDeadLetter(pipe =>
        {
            pipe.UseFilter(new LogFilter(logger));
            pipe.UseFilter(new DeadLetterTransportFilter());
        });

    /// <summary>Names the dead-letter ("skipped") queue of every endpoint like its error queue.</summary>
    internal sealed class ErrorQueueNames : IDeadLetterQueueNameFormatter
    {
        public string FormatDeadLetterQueueName(string queueName) => queueName + "_error";
    }

    private sealed partial class LogFilter(ILogger logger) : IFilter<ReceiveContext>
    {
        public Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
        {
            LogUnconsumable(logger, context.GetMessageId()?.ToString(), context.InputAddress, context.ContentType?.MediaType);
            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("logUnconsumable");

        [LoggerMessage(LogLevel.Error, "Message {MessageId} on {InputAddress} ({ContentType}) is malformed or of a type nobody here consumes; moved to the error queue")]
        private static partial void LogUnconsumable(ILogger logger, string? messageId, Uri inputAddress, string? contentType);
    }
}
