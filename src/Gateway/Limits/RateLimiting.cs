using System.Globalization;
using System.Threading.RateLimiting;
using CrmPlatform.Gateway.Extensions;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Gateway.Limits;

/// <summary>
/// Rate limits by caller, applied to YARP routes by name (<c>RateLimiterPolicy</c> in the route
/// configuration). Runs after authentication, so a caller with a valid token is counted as itself however
/// many addresses it comes from, and callers behind one address (an office NAT) do not share a budget.
/// </summary>
internal static class RateLimiting
{
    public const string ApiPolicy = "api";
    public const string TokenPolicy = "token";
    public const string ExpensivePolicy = "expensive";

    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(options =>
        {
            // The limits are read when a caller's first request makes its partition (not at startup),
            // so tests and operators can set them through configuration like any other value.
            options.AddPolicy(ApiPolicy, context => RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ =>
            {
                var limit = Options(context).Api;
                return new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit.TokenLimit,
                    TokensPerPeriod = limit.TokensPerPeriod,
                    ReplenishmentPeriod = limit.ReplenishmentPeriod,
                    QueueLimit = 0,
                };
            }));
            options.AddPolicy(TokenPolicy, context => RateLimitPartition.GetTokenBucketLimiter(AddressKey(context), _ =>
                PerWindow(Options(context).Token)));
            options.AddPolicy(ExpensivePolicy, context => RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ =>
                PerWindow(Options(context).Expensive)));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>
    /// Who a request counts against: the token's subject (a user, or the client itself in client
    /// credentials), else its client id, else, for an anonymous request, the address it came from.
    /// </summary>
    public static string CallerKey(HttpContext context) => CallerIdentity.KeyOf(context.User) ?? AddressKey(context);

    private static string AddressKey(HttpContext context) =>
        "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static RateLimitOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static TokenBucketRateLimiterOptions PerWindow(WindowLimit limit) => new()
    {
        TokenLimit = limit.PermitLimit,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = limit.Window / limit.PermitLimit,
        QueueLimit = 0,
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        int? retryAfter = null;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
        {
            // Whole seconds, at least one: Retry-After has no fractions, and 0 would invite a tight retry loop.
            retryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = retryAfter.Value.ToString(CultureInfo.InvariantCulture);
        }

        await GatewayProblems.RateLimited(retryAfter).ExecuteAsync(http);
    }
}
