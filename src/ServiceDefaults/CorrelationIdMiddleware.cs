using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Carries one correlation id through a request: taken from <c>X-Correlation-Id</c> when a caller (or
/// the gateway) sent one, otherwise made here. It is written back on the request, so the gateway
/// forwards it to the services, echoed on the response, put in the log scope and tagged on the trace.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = Resolve(context.Request.Headers[HeaderName].ToString());
        context.Request.Headers[HeaderName] = correlationId;
        CorrelationContext.Current = correlationId;
        Activity.Current?.SetTag("correlation.id", correlationId);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    /// <summary>Keeps a caller's id when it is sane; an absent, oversize or odd one is replaced.</summary>
    public static string Resolve(string? incoming) =>
        !string.IsNullOrWhiteSpace(incoming) && incoming.Length <= MaxLength && SafeId().IsMatch(incoming)
            ? incoming
            : Guid.CreateVersion7().ToString("N");

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial System.Text.RegularExpressions.Regex SafeId();
}
