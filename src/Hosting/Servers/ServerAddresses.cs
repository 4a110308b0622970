using System.Globalization;

namespace CrmPlatform.Hosting.Servers;

/// <summary>Host/port/password out of the connection strings of external servers.</summary>
internal static class ServerAddresses
{
    /// <summary>amqp://user:pass@host:port/vhost; the port defaults to 5672 (5671 for amqps).</summary>
    public static (string Host, int Port) FromAmqpUri(string uri)
    {
        var parsed = new Uri(uri);
        var port = parsed.IsDefaultPort || parsed.Port <= 0 ? (parsed.Scheme == "amqps" ? 5671 : 5672) : parsed.Port;
        return (parsed.Host, port);
    }

    /// <summary>StackExchange.Redis form: "host:port[,host2:port2],password=X,ssl=false…".</summary>
    public static (string Host, int Port, string? Password) FromRedisConfiguration(string configuration)
    {
        var parts = configuration.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoint = parts.First(p => !p.Contains('=', StringComparison.Ordinal));
        var password = parts
            .Where(p => p.StartsWith("password=", StringComparison.OrdinalIgnoreCase))
            .Select(p => p["password=".Length..])
            .FirstOrDefault();
        var colon = endpoint.LastIndexOf(':');
        return colon < 0
            ? (endpoint, 6379, password)
            : (endpoint[..colon], int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture), password);
    }
}
