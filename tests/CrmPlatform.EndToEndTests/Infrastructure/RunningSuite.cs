using System.Net.Http.Json;
using System.Text.Json;

namespace CrmPlatform.EndToEndTests.Infrastructure;

/// <summary>One whole suite for the walking-skeleton tests, stopped when they are done.</summary>
public sealed class RunningSuite : IAsyncLifetime
{
    public AppHostProcess AppHost { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;
    public HttpClient Dashboard { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        AppHost = await AppHostProcess.StartAsync();
        Gateway = GatewayClient.Create(AppHost.Gateway);
        Dashboard = new HttpClient { BaseAddress = AppHost.Dashboard, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        Dashboard.Dispose();
        await AppHost.DisposeAsync();
    }

    public async Task<JsonElement[]> ResourcesAsync() =>
        (await Dashboard.GetFromJsonAsync<JsonElement[]>("/api/resources"))!;
}

[CollectionDefinition(Name)]
public sealed class RunningSuiteCollection : ICollectionFixture<RunningSuite>
{
    public const string Name = "running suite";
}
