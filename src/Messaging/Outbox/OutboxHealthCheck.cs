using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmPlatform.Messaging.Outbox;

/// <summary>
/// Degraded when committed events wait too long for the broker: the service still takes writes
/// (they are safe in the outbox) but other departments are behind. Ops see it on <c>/health</c>.
/// </summary>
internal sealed class OutboxHealthCheck<TContext>(TContext db) : IHealthCheck where TContext : DbContext
{
    private static readonly TimeSpan _tolerated = TimeSpan.FromMinutes(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The table name comes from our own model, never from input. Columns map by snake_case.
        var sql = $"""SELECT count(*)::int AS count, min(occurred_at) AS oldest FROM "{db.Model.GetDefaultSchema()}".{MessagingModel.OutboxTable} WHERE sent_at IS NULL""";
        var backlog = await db.Database.SqlQueryRaw<Backlog>(sql).SingleAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["unsent"] = backlog.Count };
        return backlog.Oldest is { } oldest && DateTimeOffset.UtcNow - oldest > _tolerated
            ? HealthCheckResult.Degraded($"{backlog.Count} events unsent; the oldest since {oldest:O}.", data: data)
            : HealthCheckResult.Healthy($"{backlog.Count} events unsent.", data);
    }

    private sealed record Backlog(int Count, DateTimeOffset? Oldest);
}
