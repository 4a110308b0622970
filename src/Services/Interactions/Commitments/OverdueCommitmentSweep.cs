using CrmPlatform.Contracts.Interactions;
using CrmPlatform.Integrations;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Timeline;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Interactions.Commitments;

/// <summary>
/// Finds open commitments past their due time and publishes <c>CommitmentOverdue</c> for each, once:
/// the mark (<c>overdue_at</c>) and the event commit in one transaction, and rows are claimed with
/// SKIP LOCKED so several instances of the service never report the same commitment twice, nor wait
/// on each other.
/// </summary>
public sealed class OverdueCommitmentSweep(
    IServiceScopeFactory scopes, IOptions<OverdueCommitmentOptions> options, TimeProvider clock, ILogger<OverdueCommitmentSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                while (await SweepOnceAsync(stoppingToken) == options.Value.BatchSize)
                {
                    // A full batch: there may be more.
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The overdue-commitment sweep failed; it runs again in {Interval}.", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reports one batch of newly overdue commitments; returns how many.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InteractionsDbContext>();
        var now = clock.GetUtcNow().ToPostgresPrecision();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Commitments
            .FromSql($"""
                SELECT * FROM interactions.commitments
                WHERE status = 'Open' AND overdue_at IS NULL AND due_at <= {now}
                ORDER BY due_at
                LIMIT {options.Value.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var commitment in due)
        {
            commitment.OverdueAt = now;
            db.AddToTimeline(commitment.CustomerId, commitment.DueAt, TimelineKind.CommitmentOverdue, commitment.Id.ToString(),
                $"Promise overdue: {commitment.Description}", null, new { commitmentId = commitment.Id, commitment.OwnerId, commitment.DueAt });
            db.AddEvent(new CommitmentOverdue
            {
                CommitmentId = commitment.Id,
                CustomerId = commitment.CustomerId,
                Description = commitment.Description,
                OwnerId = commitment.OwnerId,
                DueAt = commitment.DueAt,
                DetectedAt = now,
            }, commitment.CustomerId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (due.Count > 0)
        {
            logger.LogInformation("{Count} commitments became overdue.", due.Count);
        }

        return due.Count;
    }
}
