using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Error answers are problems whatever media type the caller asked for. ASP.NET Core's problem
/// writer declines when <c>Accept</c> names no JSON type; status code pages then answered a route's
/// 404 or 405 as "Status Code: 404; Not Found" in text/plain, and a malformed request got a 500.
/// The API has no other representation of an error, so the answer is a problem regardless.
/// </summary>
internal static class StatusCodeProblems
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>For <c>UseStatusCodePages</c>: a bare status code (a routing 404 or 405, a binding 400) as a problem.</summary>
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        await WriteAsync(http, new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } });
    }

    public static ValueTask<bool> WriteAsync(HttpContext http, ProblemDetailsContext problem)
    {
        http.Request.Headers.Accept = ProblemJson;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(problem);
    }
}
