using Microsoft.AspNetCore.Cors.Infrastructure;

namespace CrmPlatform.Gateway.Security;

/// <summary>
/// Browsers on other origins (the web frontends) may call the API only from the origins listed in
/// <c>Cors:AllowedOrigins</c>; the list is empty by default, so no cross-origin call is allowed. Preflights
/// are answered here, before authentication, since a browser never sends a token on a preflight.
/// </summary>
internal static class GatewayCors
{
    public const string Section = "Cors";

    private static readonly string[] _methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] _requestHeaders =
        ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "X-Correlation-Id"];
    private static readonly string[] _exposedHeaders = ["ETag", "Location", "Retry-After", "X-Correlation-Id", "Idempotent-Replayed"];

    public static IServiceCollection AddGatewayCors(this IServiceCollection services)
    {
        services.AddCors();
        // Read when the options are first used, so configuration given to the host (tests, environment) counts.
        services.AddOptions<CorsOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var origins = configuration.GetSection($"{Section}:AllowedOrigins").Get<string[]>() ?? [];
            options.AddDefaultPolicy(policy => policy
                .WithOrigins(origins)
                .WithMethods(_methods)
                .WithHeaders(_requestHeaders)
                .WithExposedHeaders(_exposedHeaders)
                // Preflights are cached by the browser for 10 minutes instead of one per call.
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
        });
        return services;
    }
}
