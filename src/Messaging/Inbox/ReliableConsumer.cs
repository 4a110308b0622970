using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Messaging.Inbox;

/// <summary>
/// The MassTransit consumer behind every <see cref="IEventHandler{TMessage}"/>. It applies the event
/// through the inbox, retrying in place a few times (later events of the same customer wait in the
/// partition behind it), and then sets it aside for delayed redelivery. The message is acknowledged
/// only once its effect or its deferral has committed.
/// </summary>
internal sealed partial class ReliableConsumer<TContext, TMessage>(
    IServiceScopeFactory scopes,
    ConsumerRegistrations registrations,
    DeferredMessages<TContext> deferred,
    IOptions<MessagingOptions> options,
    ILogger<ReliableConsumer<TContext, TMessage>> logger) : IConsumer<TMessage>
    where TContext : DbContext
    where TMessage : class
{
    private static readonly TimeSpan _maxHoldBackoff = TimeSpan.FromSeconds(30);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var queue = registrations.For(typeof(TMessage)).Queue;
        if (context.Headers.TryGetHeader(ConsumerRegistration.DeadLetterHeader, out var reason))
        {
            // Sent back by the deferred processor after its last redelivery: fault it, so that
            // MassTransit moves it to the error queue with the reason in its fault headers.
            throw new EventDeadLetteredException($"Event {context.MessageId} given up in {queue}: {reason}");
        }

        var incoming = IncomingEvent.From(context);
        var retries = options.Value.ImmediateRetryIntervals;
        var holdBackoff = TimeSpan.FromSeconds(1);
        var attempt = 0;
        while (true)
        {
            Exception? failure = null;
            ApplyOutcome outcome;
            var heldEventsWaiting = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var inbox = scope.ServiceProvider.GetRequiredService<InboxProcessor<TContext>>();
                outcome = await inbox.ApplyAsync(queue, incoming, context.Message, context.CancellationToken);
                heldEventsWaiting = inbox.StreamHasDeferredEvents;
            }
            catch (Exception ex) when (!context.CancellationToken.IsCancellationRequested)
            {
                failure = ex;
                outcome = ApplyOutcome.Held;
            }

            if (failure is null)
            {
                if (outcome is not ApplyOutcome.Held && heldEventsWaiting)
                {
                    await CatchUpAsync(queue, incoming, context.CancellationToken);
                }

                return;
            }

            if (attempt < retries.Length)
            {
                LogRetrying(logger, failure, incoming.MessageId, queue, attempt + 1);
                await Task.Delay(retries[attempt++], context.CancellationToken);
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var delay = options.Value.RedeliveryIntervals.FirstOrDefault(TimeSpan.FromMinutes(1));
                await scope.ServiceProvider.GetRequiredService<InboxProcessor<TContext>>()
                    .DeferAsync(queue, incoming, context.Message, failure, delay, context.CancellationToken);
                LogDeferred(logger, failure, incoming.MessageId, queue, incoming.CustomerId, delay.TotalSeconds);
                return;
            }
            catch (Exception ex) when (!context.CancellationToken.IsCancellationRequested)
            {
                // Not even the deferral commits: the database is down. Keep the message unacknowledged
                // and start over, so nothing is lost and nothing overtakes it.
                LogHolding(logger, ex, incoming.MessageId, queue, holdBackoff.TotalSeconds);
                await Task.Delay(holdBackoff, context.CancellationToken);
                holdBackoff = TimeSpan.FromTicks(Math.Min(holdBackoff.Ticks * 2, _maxHoldBackoff.Ticks));
                attempt = 0;
            }
        }
    }

    /// <summary>Events of the customer that arrived ahead of this one can follow it now.</summary>
    private async Task CatchUpAsync(string queue, IncomingEvent incoming, CancellationToken cancellationToken)
    {
        try
        {
            await deferred.CatchUpAsync(queue, incoming.CustomerId, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The event itself is applied; held ones are picked up by the deferred processor.
            LogCatchUpFailed(logger, ex, incoming.CustomerId, queue);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Catching up held events of customer {CustomerId} in {Consumer} failed; the deferred processor will")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, Guid customerId, string consumer);

    [LoggerMessage(LogLevel.Warning, "Event {MessageId} failed in {Consumer}; immediate retry {Attempt}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, Guid messageId, string consumer, int attempt);

    [LoggerMessage(LogLevel.Error, "Event {MessageId} failed in {Consumer} after its immediate retries; deferred for redelivery in {DelaySeconds} s, later events of customer {CustomerId} wait behind it")]
    private static partial void LogDeferred(ILogger logger, Exception exception, Guid messageId, string consumer, Guid customerId, double delaySeconds);

    [LoggerMessage(LogLevel.Error, "Event {MessageId} in {Consumer} could neither be applied nor deferred; holding it and trying again in {DelaySeconds} s")]
    private static partial void LogHolding(ILogger logger, Exception exception, Guid messageId, string consumer, double delaySeconds);
}


/// <summary>The fault of an event that failed all its retries and redeliveries.</summary>
public sealed class EventDeadLetteredException(string message) : Exception(message);
