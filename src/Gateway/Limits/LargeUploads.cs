using CrmPlatform.Gateway.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Gateway.Limits;

/// <summary>
/// Kestrel's limit for every request is small (<see cref="BodyLimitOptions.MaxRequestBodyBytes"/>), which is
/// right for the API, but a customer import or a purchase history is a CSV of up to a gigabyte. Only those
/// paths get the larger limit, so every other route keeps the small one.
/// </summary>
internal static class LargeUploads
{
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var options = context.RequestServices.GetRequiredService<IOptions<BodyLimitOptions>>().Value;
        var maxBytes = LimitFor(context.Request, options);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        // A declared length over the limit is refused before anything is forwarded; a chunked body that
        // grows past it fails while YARP streams it, and ForwarderProblems answers that one.
        if (context.Request.ContentLength > maxBytes)
        {
            await GatewayProblems.TooLarge(maxBytes).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>The body size allowed for this request (also what a 413 names).</summary>
    public static long LimitFor(HttpRequest request, BodyLimitOptions options) =>
        !HttpMethods.IsPost(request.Method) ? options.MaxRequestBodyBytes
        : request.Path.Equals("/api/customers/imports", StringComparison.OrdinalIgnoreCase) ? options.CustomerImportMaxBytes
        : request.Path.Equals("/api/analytics/purchases/history", StringComparison.OrdinalIgnoreCase) ? options.PurchaseHistoryMaxBytes
        : options.MaxRequestBodyBytes;
}
