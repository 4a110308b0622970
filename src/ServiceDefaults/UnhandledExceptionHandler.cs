using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Turns a malformed request (bad JSON, wrong types, oversize body) into a 400 problem instead of the
/// 500 that the default handler would give it. Anything else is left to the default handler: a 500
/// problem without internals, logged.
/// </summary>
internal sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        logger.LogInformation("Rejected a malformed request to {Path}: {Reason}", httpContext.Request.Path, badRequest.Message);
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await StatusCodeProblems.WriteAsync(httpContext, new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request is malformed.",
                Detail = badRequest.Message,
            },
        });
    }
}
