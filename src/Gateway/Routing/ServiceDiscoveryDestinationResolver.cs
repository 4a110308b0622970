using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace CrmPlatform.Gateway.Routing;

/// <summary>
/// Resolves YARP destinations written as service names through Microsoft.Extensions.ServiceDiscovery
/// (the package that does this for Aspire, Microsoft.Extensions.ServiceDiscovery.Yarp, is not in our
/// package source). Each resolved endpoint becomes one destination; when discovery reports a change
/// (new configuration), YARP asks again.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changeTokens = new List<IChangeToken>();
        foreach (var (name, destination) in destinations)
        {
            var configured = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync(configured.GetLeftPart(UriPartial.Authority), cancellationToken);
            changeTokens.Add(source.ChangeToken);
            var index = 0;
            foreach (var endpoint in source.Endpoints)
            {
                var address = EndpointAddress.Combine(configured, endpoint.EndPoint);
                var key = source.Endpoints.Count == 1 ? name : $"{name}[{index++}]";
                resolved[key] = destination with { Address = address };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }
}
