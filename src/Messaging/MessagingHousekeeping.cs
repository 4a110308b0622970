using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Messaging;

/// <summary>
/// Deletes sent outbox rows and inbox records past the retention period, in small batches so it
/// never holds long locks. Unsent rows are never deleted. The retention must exceed the longest a
/// redelivery can take, or a very late duplicate would not be recognised.
/// </summary>
internal sealed partial class MessagingHousekeeping<TContext>(
    IServiceScopeFactory scopes, IOptions<MessagingOptions> options, ILogger<MessagingHousekeeping<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    private const int BatchSize = 5000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (outbox, inbox) = await CleanAsync(stoppingToken);
                if (outbox + inbox > 0)
                {
                    LogCleaned(logger, outbox, inbox, options.Value.Retention.TotalDays);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbException ex)
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(options.Value.CleanupInterval, stoppingToken);
        }
    }

    internal async Task<(int Outbox, int Inbox)> CleanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var schema = db.Model.GetDefaultSchema();
        var cutoff = DateTimeOffset.UtcNow - options.Value.Retention;
        var outbox = await DeleteInBatchesAsync(db, $$"""
            DELETE FROM "{{schema}}".{{MessagingModel.OutboxTable}} WHERE position IN (
                SELECT position FROM "{{schema}}".{{MessagingModel.OutboxTable}} WHERE sent_at < {0} LIMIT {{BatchSize}})
            """, cutoff, cancellationToken);
        var inbox = await DeleteInBatchesAsync(db, $$"""
            DELETE FROM "{{schema}}".{{MessagingModel.InboxTable}} WHERE (consumer, message_id) IN (
                SELECT consumer, message_id FROM "{{schema}}".{{MessagingModel.InboxTable}} WHERE applied_at < {0} LIMIT {{BatchSize}})
            """, cutoff, cancellationToken);
        return (outbox, inbox);
    }

    private static async Task<int> DeleteInBatchesAsync(TContext db, string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlRawAsync(sql, [cutoff], cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }

    [LoggerMessage(LogLevel.Information, "Messaging retention: deleted {Outbox} sent outbox rows and {Inbox} inbox records older than {Days} days")]
    private static partial void LogCleaned(ILogger logger, int outbox, int inbox, double days);

    [LoggerMessage(LogLevel.Warning, "Messaging retention cleanup failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
