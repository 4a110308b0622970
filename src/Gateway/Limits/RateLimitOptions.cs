namespace CrmPlatform.Gateway.Limits;

/// <summary>
/// The gateway's request rates (configuration section <c>RateLimits</c>). Each caller has its own budget:
/// an authenticated one by its <c>sub</c> (or <c>client_id</c>), an anonymous one by its IP address.
/// Public because the gateway tests name the gateway's assembly by it (every service has a Program).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Every API route: 50 requests/s sustained with bursts of 100, per caller.</summary>
    public TokenBucketLimit Api { get; set; } = new() { TokenLimit = 100, TokensPerPeriod = 50, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// The token endpoint, per IP address whoever the caller claims to be: 20 a minute is plenty for
    /// a client that caches its token and far too few to guess a password or a client secret.
    /// </summary>
    public WindowLimit Token { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Imports, exports, bulk loads, recomputes and refits, per caller: each can keep a service and the
    /// database busy for seconds to minutes, so a few a minute is what a person or a job legitimately needs.
    /// </summary>
    public WindowLimit Expensive { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) };
}

public sealed class TokenBucketLimit
{
    public int TokenLimit { get; set; }
    public int TokensPerPeriod { get; set; }
    public TimeSpan ReplenishmentPeriod { get; set; }
}

/// <summary>
/// <see cref="PermitLimit"/> requests per <see cref="Window"/>: that many at once, then one more every
/// Window / PermitLimit. Run as a token bucket: unlike a sliding window it knows when the next permit comes,
/// which Retry-After needs, and unlike a fixed window it never lets twice the limit through across a window edge.
/// </summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}
