using System.Net.Sockets;
using CrmPlatform.Gateway.Limits;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Gateway;

/// <summary>
/// The gateway in-process on real Kestrel (body limits, connection addresses and headers are Kestrel's,
/// not the test server's), with every cluster pointed at one <see cref="FakeBackend"/> and the given
/// settings over its appsettings.json. Needs none of the suite's servers.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    /// <summary>Each cluster and its destination's name, as appsettings.json has them.</summary>
    private static readonly (string Cluster, string Destination)[] _destinations =
    [
        ("customers", "customers"), ("interactions", "interactions"), ("service-desk", "service-desk"), ("analytics", "analytics"),
        ("customers-bulk", "customers"), ("analytics-bulk", "analytics"), ("identity", "identity"),
    ];

    private readonly Factory _factory;

    private GatewayHost(Factory factory, FakeBackend? backend, HttpClient client)
    {
        _factory = factory;
        Backend = backend;
        Client = client;
    }

    /// <summary>Null when the gateway was started against a closed port.</summary>
    public FakeBackend? Backend { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<GatewayHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool backendDown = false)
    {
        var backend = backendDown ? null : await FakeBackend.StartAsync();
        var address = backend?.Address ?? $"http://127.0.0.1:{ClosedPort()}";
        var all = _destinations.ToDictionary(
            d => $"ReverseProxy:Clusters:{d.Cluster}:Destinations:{d.Destination}:Address", string? (_) => address);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new Factory(all);
        factory.UseKestrel(0);
        factory.StartServer();
        // The client options' base address defaults to http://localhost (the test server's); Kestrel chose a port.
        var listening = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(listening) });
        return new GatewayHost(factory, backend, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }
    }

    /// <summary>A loopback port nothing listens on (taken and released at once).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The gateway's entry assembly, named by a public type of its own (each service has an internal Program).</summary>
    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<RateLimitOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            builder.ConfigureTestServices(test => test.Configure<JwtBearerOptions>(
                JwtBearerDefaults.AuthenticationScheme, options => options.Configuration = Infrastructure.TestTokens.Configuration()));
        }
    }
}
