using CrmPlatform.Gateway.Routing;
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
    }
}
