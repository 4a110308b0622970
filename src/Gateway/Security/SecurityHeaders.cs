using CrmPlatform.Gateway.Docs;
using Microsoft.Net.Http.Headers;

namespace CrmPlatform.Gateway.Security;

/// <summary>
/// Headers every answer of the gateway carries, whether it came from a service, from the gateway itself
/// or from an error path. Set when the response starts, so nothing later in the pipeline can skip them.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>API answers are JSON read by code: nothing in them may load, run or be framed.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(Apply, context);
        return next(context);
    });

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // Kestrel's own is switched off (AddServerHeader); this drops the services' one that YARP copies.
        headers.Remove(HeaderNames.Server);
        if (context.Request.IsHttps)
        {
            // Over plain HTTP the header is ignored by browsers and would only mislead.
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        if (ApiReference.IsDocs(context.Request.Path))
        {
            headers.ContentSecurityPolicy = ApiReference.ContentSecurityPolicy(context);
        }
        else
        {
            headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
            // Answers carry customer data: no shared or browser cache keeps them unless the service says so.
            if (!headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers.CacheControl = "no-store";
            }
        }

        return Task.CompletedTask;
    }
}
