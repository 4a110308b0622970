using CrmPlatform.Analytics.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// The newest stored fit, held in memory for a few seconds: a value profile reads it on every call, and a fit changes a
/// few times a day. Another instance's refit reaches this one within <see cref="_freshFor"/>; this instance's own refit at
/// once (<see cref="Use"/>).
/// </summary>
public sealed class CurrentLifetimeModel(TimeProvider clock)
{
    private static readonly TimeSpan _freshFor = TimeSpan.FromSeconds(30);
    private volatile Snapshot? _snapshot;

    /// <summary>The model in use, or null while none has been fitted.</summary>
    public async Task<FittedLifetimeModel?> GetAsync(AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_snapshot is { } snapshot && now - snapshot.ReadAt < _freshFor)
        {
            return snapshot.Model;
        }

        var model = await NewestAsync(db, cancellationToken);
        _snapshot = new Snapshot(model, now);
        return model;
    }

    /// <summary>The newest stored fit, read from the database now.</summary>
    public static Task<FittedLifetimeModel?> NewestAsync(AnalyticsDbContext db, CancellationToken cancellationToken) =>
        db.Set<FittedLifetimeModel>().AsNoTracking().OrderByDescending(m => m.FittedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Call after a new fit committed.</summary>
    public void Use(FittedLifetimeModel model) => _snapshot = new Snapshot(model, clock.GetUtcNow());

    private sealed record Snapshot(FittedLifetimeModel? Model, DateTimeOffset ReadAt);
}
