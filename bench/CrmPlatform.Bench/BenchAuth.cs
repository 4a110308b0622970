using System.Net.Http.Headers;
using System.Text.Json;
using CrmPlatform.Hosting;

namespace CrmPlatform.Bench;

/// <summary>
/// Every service and the gateway require a bearer token (docs/identity.md). The scenarios that run them also run the
/// identity service, ask it once for a token of the seeded <c>bench-client</c> (client credentials, role admin) and send
/// it on every request. The token is asked straight from the identity service: through the gateway, /connect/token is
/// limited to 20 a minute per address.
/// </summary>
internal static class BenchAuth
{
    public const string ClientId = "bench-client";
    public const string ClientSecret = "bench-dev-secret";
    public const string Scope = "crm-api";

    /// <summary>
    /// How long the bench's tokens last: a whole scenario at full size (the analytics one loads 10M purchases) must not
    /// outlive its token, so the bench's identity service issues them for longer than the default hour.
    /// </summary>
    public const string TokenLifetime = "12:00:00";

    private static string? _token;

    /// <summary>The token of this run (set by the scenario's servers once they are up).</summary>
    public static string Token => _token ?? throw new InvalidOperationException("No bench token yet: the scenario's servers fetch it when they start.");

    /// <summary>
    /// The identity service as a project of the bench's application (run from its own folder, so it reads its own
    /// appsettings.json with the seeded clients); the services and the gateway get <c>services__identity__http__0</c>
    /// from <c>WithReference(identity)</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddIdentity(this DistributedApplicationBuilder builder) =>
        builder.AddProject(ResourceNames.Identity, "src/Services/Identity/CrmPlatform.Identity.csproj")
            .WithEnvironment("Identity__AccessTokenLifetime", TokenLifetime);

    /// <summary>
    /// The gateway's per-caller limits raised out of the way (src/Gateway/Limits/RateLimitOptions.cs): with the defaults
    /// (100 burst, 50/s per caller) a benchmark through the gateway measures 429s. The bulk paths (the "expensive" policy)
    /// keep theirs: the scenarios send those straight to the service.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBenchRateLimits(this IResourceBuilder<ProjectResource> gateway) =>
        gateway.WithEnvironment("RateLimits__Api__TokenLimit", "1000000")
            .WithEnvironment("RateLimits__Api__TokensPerPeriod", "1000000")
            .WithEnvironment("RateLimits__Api__ReplenishmentPeriod", "00:00:01");

    /// <summary>
    /// The customers service with its broker, cache and the identity service, and the gateway in front of it with the
    /// bench's limits: what the search and gateway scenarios measure through.
    /// </summary>
    public static void AddCustomersBehindGateway(this DistributedApplicationBuilder builder, IResourceBuilder<PostgresDatabaseResource> database)
    {
        var rabbitMq = builder.AddRabbitMQ(ResourceNames.RabbitMq);
        var redis = builder.AddRedis(ResourceNames.Redis);
        var identity = builder.AddIdentity();
        var customers = builder.AddProject(ResourceNames.Customers, "src/Services/Customers/CrmPlatform.Customers.csproj")
            .WithReference(database).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
            .WithMigrations()
            .WaitFor(database).WaitFor(rabbitMq).WaitFor(redis).WaitFor(identity);
        builder.AddProject(ResourceNames.Gateway, "src/Gateway/CrmPlatform.Gateway.csproj")
            .WithReference(customers).WithReference(identity)
            .WithBenchRateLimits()
            .WaitFor(customers).WaitFor(identity);
    }

    /// <summary>Fetches the run's token from the started application's identity service; stops the application if that fails.</summary>
    public static async Task FetchOrStopAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await FetchAsync(app.GetEndpoint(ResourceNames.Identity), cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Asks <paramref name="tokenServer"/> (the identity service, or the gateway) for a bench-client token and keeps it as <see cref="Token"/>.</summary>
    public static async Task<string> FetchAsync(Uri tokenServer, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { BaseAddress = tokenServer, Timeout = TimeSpan.FromSeconds(30) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["scope"] = Scope,
        });
        using var response = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {tokenServer}connect/token answered {(int)response.StatusCode}: {body}");
        }

        using var answer = JsonDocument.Parse(body);
        var token = answer.RootElement.GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException($"POST {tokenServer}connect/token gave no access_token: {body}");
        _token = token;
        return token;
    }

    /// <summary>A client for <paramref name="address"/> that sends the run's token on every request.</summary>
    public static HttpClient Client(Uri address, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = address;
        client.Timeout = timeout;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }
}
