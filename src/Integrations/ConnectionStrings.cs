using Microsoft.Extensions.Configuration;

namespace CrmPlatform.Integrations;

public static class ConnectionStrings
{
    /// <summary>The AppHost hands every resource's connection string as <c>ConnectionStrings__{name}</c>.</summary>
    public static string Require(IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing. Start the service through the AppHost, " +
                $"or set ConnectionStrings__{connectionName}.");
}
