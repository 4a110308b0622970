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
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            // Bare status codes (routing, authentication, Kestrel limits) get our stable type too,
            // so a frontend can switch on `type` for every answer.
            problem.Type = Problems.TypeBase + StatusTypeName(problem.Status ?? context.HttpContext.Response.StatusCode);
        }

        if (context.HttpContext.Request.Headers[CorrelationIdMiddleware.HeaderName] is [{ Length: > 0 } correlationId])
        {
            problem.Extensions.TryAdd("correlationId", correlationId);
        }
    }

    private static string StatusTypeName(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "malformed",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status406NotAcceptable => "not-acceptable",
        StatusCodes.Status408RequestTimeout => "request-timeout",
        StatusCodes.Status413PayloadTooLarge => "too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status429TooManyRequests => "rate-limited",
        StatusCodes.Status500InternalServerError => "internal-error",
        StatusCodes.Status502BadGateway => "bad-gateway",
        StatusCodes.Status503ServiceUnavailable => "service-unavailable",
        StatusCodes.Status504GatewayTimeout => "gateway-timeout",
        _ => "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
