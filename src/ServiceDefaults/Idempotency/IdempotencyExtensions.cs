using CrmPlatform.ServiceDefaults.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

// Next to AddServiceDefaults, so a service's Program.cs finds them without a using.
namespace Microsoft.Extensions.Hosting;

public static class IdempotencyExtensions
{
    /// <summary>
    /// The <c>Idempotency-Key</c> store, configured from the <c>Idempotency</c> section. Needs an
    /// <c>IConnectionMultiplexer</c> (<c>AddRedisClient</c>); pair with <see cref="UseIdempotencyKeys"/>.
    /// </summary>
    public static TBuilder AddIdempotencyKeys<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection(IdempotencyOptions.Section));
        builder.Services.AddSingleton<IdempotencyStore>();
        return builder;
    }

    /// <summary>
    /// Honours <c>Idempotency-Key</c> on every POST. Call right after <c>UseServiceDefaults()</c>: after
    /// authentication (keys are per caller) and inside the exception handler (a failure releases the key).
    /// </summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) =>
        app.UseMiddleware<IdempotencyMiddleware>();

    /// <summary>Documents the optional <c>Idempotency-Key</c> header and its 409/422 answers on every POST operation.</summary>
    public static OpenApiOptions AddIdempotencyKeyHeader(this OpenApiOptions options) =>
        options.AddOperationTransformer(IdempotencyOpenApi.DescribeAsync);
}
