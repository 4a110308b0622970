using CrmPlatform.Integrations;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmPlatform.ServiceDesk.Tickets;

/// <summary>
/// Publishes <c>TicketSlaWarning</c> and <c>TicketSlaBreached</c> when their time comes, exactly once per
/// ticket and target, also across restarts and with several instances: tickets are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> by their next SLA moment, and the marks and events commit together.
/// A crash before commit leaves nothing behind; the next sweep does it again, once.
/// </summary>
public sealed class SlaSweep(IServiceScopeFactory scopes, IOptions<SlaSweepOptions> options, TimeProvider clock, ILogger<SlaSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
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
                logger.LogWarning(ex, "The SLA sweep failed; it runs again in {Interval}.", options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Handles one batch of tickets whose next SLA moment has come; returns how many were claimed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var now = clock.GetUtcNow().ToPostgresPrecision();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claim ids only, then load them: composed over FromSql, EF would join the table to itself for
        // the owned SLA columns (one extra lookup per ticket, or a full scan when the planner prefers it).
        var claimed = await db.Database
            .SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM service_desk.tickets
                WHERE sla_next_check_at IS NOT NULL AND sla_next_check_at <= {now}
                ORDER BY sla_next_check_at
                LIMIT {options.Value.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        var tickets = claimed.Count == 0 ? [] : await db.Tickets.Where(t => claimed.Contains(t.Id)).ToListAsync(cancellationToken);
        if (tickets.Count == 0)
        {
            return 0;
        }

        var policyIds = tickets.Select(t => t.Sla.PolicyId).OfType<Guid>().Distinct().ToList();
        var policies = await db.SlaPolicies.AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var calendarIds = tickets.Select(t => t.Sla.CalendarId).OfType<Guid>().Distinct().ToList();
        var clocks = (await db.Calendars.AsNoTracking().Where(c => calendarIds.Contains(c.Id)).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => c.Clock());

        var published = 0;
        foreach (var ticket in tickets)
        {
            var policy = ticket.Sla.PolicyId is { } policyId ? policies.GetValueOrDefault(policyId) : null;
            var businessClock = ticket.Sla.CalendarId is { } calendarId ? clocks.GetValueOrDefault(calendarId) : null;
            published += SlaMoments.Fire(db, ticket, now, policy, businessClock) ? 1 : 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (published > 0)
        {
            logger.LogInformation("SLA sweep: {Count} tickets reached a warning or breach.", published);
        }

        return tickets.Count;
    }
}
