using System.Net;

namespace CrmPlatform.Gateway.Routing;

internal static class EndpointAddress
{
    /// <summary>
    /// The URL of a resolved endpoint, keeping the configured address's scheme and path: a configured
    /// <c>http://customers/base</c> resolved to 127.0.0.1:5101 is <c>http://127.0.0.1:5101/base</c>.
    /// </summary>
    public static string Combine(Uri configured, EndPoint endpoint)
    {
        var (host, port) = endpoint switch
        {
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            DnsEndPoint dns => (dns.Host, dns.Port),
            _ when Uri.TryCreate(endpoint.ToString(), UriKind.Absolute, out var uri) => (uri.Host, uri.Port),
            _ => throw new InvalidOperationException($"Service discovery gave an endpoint the gateway cannot address: {endpoint}."),
        };
        var builder = new UriBuilder(configured) { Host = host, Port = port > 0 ? port : -1 };
        return builder.Uri.ToString().TrimEnd('/');
    }
}
