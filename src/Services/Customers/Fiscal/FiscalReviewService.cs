using CrmPlatform.Contracts.Customers;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Customers.Fiscal;

public sealed class FiscalReviewOptions
{
    public const string Section = "Customers:FiscalReview";

    /// <summary>Fiscal data older than this (since its last verification, or registration) is due for review.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often to look for customers that became due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Raises <see cref="CustomerFiscalDataReviewDue"/> once per customer whose fiscal data was not
/// verified within the period. The mark, the history row and the event commit together; rows are
/// claimed with SKIP LOCKED so several instances never raise the same review twice. Verifying the
/// data again (fiscal.verifiedAt) clears the mark and starts a new period.
/// </summary>
public sealed class FiscalReviewService(IServiceScopeFactory scopes, IOptionsMonitor<FiscalReviewOptions> options, TimeProvider clock, ILogger<FiscalReviewService> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RaiseDueReviewsAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Looking for fiscal data due for review failed; trying again in {Interval}", options.CurrentValue.Interval);
            }

            await Task.Delay(options.CurrentValue.Interval, clock, stoppingToken);
        }
    }

    /// <summary>One batch; gives how many reviews it raised.</summary>
    public async Task<int> RaiseDueReviewsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var now = clock.GetUtcNow().ToPostgresPrecision();
        var cutoff = now - options.CurrentValue.Period;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Customers.FromSql($"""
            SELECT * FROM customers.customers
            WHERE fiscal_review_raised_at IS NULL AND coalesce(fiscal_verified_at, registered_at) < {cutoff}
            ORDER BY coalesce(fiscal_verified_at, registered_at)
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        foreach (var customer in due)
        {
            var since = (customer.Fiscal.VerifiedAt ?? customer.RegisteredAt) + options.CurrentValue.Period;
            customer.FiscalReviewRaisedAt = now;
            customer.Version++;
            db.Record(customer.Id, Actor.System, "fiscal-review-due", now, "fiscal.reviewDue", "false", "true");
            db.AddEvent(new CustomerFiscalDataReviewDue
            {
                CustomerId = customer.Id,
                Country = customer.Country,
                TaxId = customer.TaxId,
                LastVerifiedAt = customer.Fiscal.VerifiedAt,
                DueSince = since,
            }, customer.Id, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (due.Count > 0)
        {
            logger.LogInformation("Fiscal data of {Count} customers is due for review", due.Count);
            await scope.ServiceProvider.GetRequiredService<CustomerCache>().InvalidateAsync([.. due.Select(c => (c.Id, c.Version))]);
        }

        return due.Count;
    }
}
