using Microsoft.AspNetCore.Http;

namespace CrmPlatform.ServiceDefaults;

internal static class ProblemDetailsDefaults
{
    /// <summary>
    /// Every problem answer names the request it belongs to (ASP.NET Core already adds <c>traceId</c>),
    /// so support can find its logs and trace from what a caller shows them.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        if (context.HttpContext.Request.Headers[CorrelationIdMiddleware.HeaderName] is [{ Length: > 0 } correlationId])
        {
            problem.Extensions.TryAdd("correlationId", correlationId);
        }
    }
}
