using Microsoft.AspNetCore.Http.Features;

namespace CrmPlatform.Gateway.Limits;

/// <summary>
/// Kestrel refuses bodies over 30 MB, which is right for the API, but a customer import is a CSV
/// of up to 1 GB (the customers service enforces that cap itself). Only that path gets the larger
/// limit, so every other route keeps the small one.
/// </summary>
public static class LargeUploads
{
    public const long CustomerImportLimit = 1L << 30;

    public static IApplicationBuilder UseLargeUploadLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.Equals("/api/customers/imports", StringComparison.OrdinalIgnoreCase)
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = CustomerImportLimit;
        }

        return next(context);
    });
}
