using Scalar.AspNetCore;

namespace CrmPlatform.Gateway.Docs;

/// <summary>
/// The browsable API reference (Scalar) at <c>/docs</c>: one document per service, each read through
/// the gateway's <c>/openapi/{service}.json</c> route, so the browser needs nothing but the gateway.
/// </summary>
internal static class ApiReference
{
    public const string Path = "/docs";

    /// <summary>The services whose documents the reference lists, by route name (appsettings.json, ReverseProxy).</summary>
    private static readonly (string Name, string Title)[] _documents =
    [
        ("customers", "Customers"),
        ("interactions", "Interactions"),
        ("service-desk", "Service desk"),
        ("analytics", "Analytics"),
    ];

    /// <summary>
    /// Scalar's page runs its bundled script (served from /docs itself) and one inline module that starts
    /// it; that one carries a fresh nonce per request, so no inline script without it can run. Its
    /// components set inline styles, hence 'unsafe-inline' for styles only. Fonts are the system's (the
    /// default ones come from Scalar's CDN) and every request it makes goes to this origin.
    /// </summary>
    public static string ContentSecurityPolicy(HttpContext context)
    {
        var nonce = context.Items[ScalarOptions.NonceHttpContextItemKey] as string;
        var scripts = nonce is null ? "'self'" : $"'self' 'nonce-{nonce}'";
        return $"default-src 'none'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    public static bool IsDocs(PathString path) => path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, options =>
        {
            options.WithTitle("CrmPlatform API")
                .DisableDefaultFonts()
                .WithNonce()
                // The services' documents name their own (internal) address; requests from the page go
                // through the gateway that served it.
                .WithDynamicBaseServerUrl(true)
                .AddServer("/", "This gateway")
                // Offered first once the services' documents declare their JWT scheme under this name.
                .AddPreferredSecuritySchemes(["Bearer"]);
            foreach (var (name, title) in _documents)
            {
                options.AddDocument(name, title, routePattern: $"/openapi/{name}.json", isDefault: name == _documents[0].Name);
            }
        })
        .AllowAnonymous();
}
