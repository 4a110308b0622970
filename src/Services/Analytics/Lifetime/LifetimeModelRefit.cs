using System.Diagnostics;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Relationships;
using CrmPlatform.Analytics.Value;
using CrmPlatform.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// Fits the lifetime-value model on all purchases up to today (UTC), in weeks, and stores it for the value profiles: when
/// the service starts without a recent fit, then every <see cref="ValueOptions.ModelRefitInterval"/>, and on demand. A
/// transaction-level advisory lock lets one instance fit at a time; the others find the fresh fit and skip.
/// </summary>
/// <remarks>
/// Refitting on every purchase (as the ad-hoc <c>GET /clv/model</c> cache does) would make the first profile read after
/// each purchase pay for a fit over the whole base. The parameters describe the population and move slowly; a customer's
/// own history (x, tₓ, T, z̄), which moves with each purchase, is still read fresh by every profile.
/// </remarks>
public sealed partial class LifetimeModelRefit(
    IServiceScopeFactory scopes, CurrentLifetimeModel current, AttentionCache attention, IOptions<ValueOptions> options, TimeProvider clock,
    ILogger<LifetimeModelRefit> logger) : BackgroundService
{
    /// <summary>The period of the stored model: weeks, as the BG/NBD literature.</summary>
    public const int PeriodDays = 7;

    private const long LockKey = 0x434C56; // "CLV"
    private static readonly TimeSpan _retryAfterFailure = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await RefitIfDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, _retryAfterFailure);
                wait = _retryAfterFailure;
            }

            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    /// <summary>Fits now, unless another caller's fit committed after <paramref name="requestedAt"/> (then that one is answered).</summary>
    /// <exception cref="InvalidOperationException">The purchases do not identify the model (no repeat customers, no convergence).</exception>
    public async Task<FittedLifetimeModel> RefitAsync(DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        if (await CurrentLifetimeModel.NewestAsync(db, cancellationToken) is { } latest && latest.FittedAt >= requestedAt)
        {
            return latest;
        }

        return await FitAndStoreAsync(db, cancellationToken);
    }

    /// <summary>Fits when the newest fit is older than the interval; answers how long to wait before asking again.</summary>
    private async Task<TimeSpan> RefitIfDueAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.ModelRefitInterval;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken);
        if (!locked)
        {
            return TimeSpan.FromMinutes(1); // another instance is fitting; its result is seen on the next look
        }

        var due = (await CurrentLifetimeModel.NewestAsync(db, cancellationToken))?.FittedAt.Add(interval) ?? DateTimeOffset.MinValue;
        var now = clock.GetUtcNow();
        if (due > now)
        {
            return due - now;
        }

        if (!await db.Purchases.AnyAsync(cancellationToken))
        {
            return _retryAfterFailure;
        }

        try
        {
            await FitAndStoreAsync(db, cancellationToken);
            return interval;
        }
        catch (InvalidOperationException ex)
        {
            LogNotIdentified(logger, ex.Message, _retryAfterFailure);
            return _retryAfterFailure < interval ? _retryAfterFailure : interval;
        }
    }

    private async Task<FittedLifetimeModel> FitAndStoreAsync(AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var calibrationEnd = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var summary = await CalibrationSummaryQuery.ReadAsync(db, calibrationEnd, PeriodDays, cancellationToken);
        var model = LifetimeValueModel.Fit(summary);
        // Stamped when done: a refit requested while this one ran (and waiting on the lock) sees it as newer and shares it.
        var fittedAt = clock.GetUtcNow().ToPostgresPrecision();
        var fitted = FittedLifetimeModel.From(model, fittedAt, calibrationEnd, Stopwatch.GetElapsedTime(started).TotalSeconds);
        db.Add(fitted);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        current.Use(fitted);
        await attention.ChangedAsync(); // the list ranks by P(alive) from this model
        LogFitted(logger, fitted.Customers, fitted.ReturningCustomers, fitted.FitSeconds, fitted.R, fitted.Alpha, fitted.A, fitted.B, fitted.P, fitted.Q, fitted.Gamma);
        return fitted;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Fitted the lifetime-value model on {Customers} customers ({Returning} returning) in {Seconds:F1} s: r={R:G4} α={Alpha:G4} a={A:G4} b={B:G4}; p={P:G4} q={Q:G4} γ={Gamma:G4}")]
    private static partial void LogFitted(ILogger logger, int customers, int returning, double seconds, double r, double alpha, double a, double b, double p, double q, double gamma);

    [LoggerMessage(Level = LogLevel.Information, Message = "The purchases do not identify the lifetime-value model yet ({Reason}); trying again in {Wait}.")]
    private static partial void LogNotIdentified(ILogger logger, string reason, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lifetime-value model refit failed; trying again in {Wait}.")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan wait);
}
