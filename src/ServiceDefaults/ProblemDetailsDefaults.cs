using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.ServiceDefaults;

internal static class ProblemDetailsDefaults
{
    /// <summary>Every problem answer names the request it belongs to, so support can find its trace.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        if (context.HttpContext.Items.TryGetValue(CorrelationIdMiddleware.HeaderName, out var correlationId))
        {
            problem.Extensions.TryAdd("correlationId", correlationId);
        }
    }
}
