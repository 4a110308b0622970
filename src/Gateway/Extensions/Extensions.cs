using CrmPlatform.Gateway.Limits;
using CrmPlatform.Gateway.Routing;
using CrmPlatform.Gateway.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace CrmPlatform.Gateway.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Routes and clusters live in configuration (appsettings.json, "ReverseProxy"); destination
        // addresses there are service names (http://customers) that service discovery turns into the
        // endpoints the AppHost handed over (services__customers__http__0).
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();

        builder.Services.Configure<BodyLimitOptions>(builder.Configuration.GetSection(BodyLimitOptions.Section));
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<BodyLimitOptions>>((kestrel, limits) =>
        {
            // The default for requests no route raises (LargeUploads); Kestrel's own is 30 MB.
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            // Naming the server software helps nobody but someone looking for its known flaws.
            kestrel.AddServerHeader = false;
        });

        builder.Services.AddGatewayRateLimiting(builder.Configuration);
        builder.Services.AddGatewayCors();
    }
}
