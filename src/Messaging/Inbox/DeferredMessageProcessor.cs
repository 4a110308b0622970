using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Messaging.Inbox;

/// <summary>
/// Delayed redelivery without a broker plugin: polls the deferred table for due rows (see
/// <see cref="DeferredMessages{TContext}"/>).
/// </summary>
internal sealed partial class DeferredMessageProcessor<TContext>(
    DeferredMessages<TContext> deferred, IOptions<MessagingOptions> options, ILogger<DeferredMessageProcessor<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await deferred.ProcessNextDueAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException)
            {
                LogRoundFailed(logger, ex);
            }

            await Task.Delay(options.Value.DeferredPollInterval, stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Deferred-message round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
