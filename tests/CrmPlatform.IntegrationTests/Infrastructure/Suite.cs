using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Hosting;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// One set of real servers and the four services for the whole run. The servers start isolated
/// (free ports, a temporary folder) so a suite already running on this machine is never touched.
/// Tests share the databases, so each test makes its own data (fresh tax ids) and never assumes
/// a table is empty.
/// </summary>
public sealed class Suite : IAsyncLifetime
{
    private static readonly string[] _connectionNames =
    [
        ResourceNames.CustomersDb, ResourceNames.InteractionsDb, ResourceNames.ServiceDeskDb, ResourceNames.AnalyticsDb,
        ResourceNames.RabbitMq, ResourceNames.Redis,
    ];

    private DistributedApplication? _servers;

    public ServiceFactory<CustomersDbContext> Customers { get; } = new();
    public ServiceFactory<InteractionsDbContext> Interactions { get; } = new();
    public ServiceFactory<ServiceDeskDbContext> ServiceDesk { get; } = new();
    public ServiceFactory<AnalyticsDbContext> Analytics { get; } = new();

    public string ConnectionString(string name) =>
        _servers?.GetConnectionString(name) ?? throw new InvalidOperationException($"No connection string '{name}'.");

    public async Task InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Isolated = true });
        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        postgres.AddDatabase(ResourceNames.CustomersDb, "customers");
        postgres.AddDatabase(ResourceNames.InteractionsDb, "interactions");
        postgres.AddDatabase(ResourceNames.ServiceDeskDb, "service_desk");
        postgres.AddDatabase(ResourceNames.AnalyticsDb, "analytics");
        builder.AddRabbitMQ(ResourceNames.RabbitMq);
        builder.AddRedis(ResourceNames.Redis);
        _servers = builder.Build();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _servers.StartAsync(timeout.Token);

        // Aspire's contract, as the AppHost would hand it to a service process.
        foreach (var name in _connectionNames)
        {
            Environment.SetEnvironmentVariable($"ConnectionStrings__{name}", ConnectionString(name));
        }

        await MigrateAsync(Customers);
        await MigrateAsync(Interactions);
        await MigrateAsync(ServiceDesk);
        await MigrateAsync(Analytics);
    }

    public async Task DisposeAsync()
    {
        await Customers.DisposeAsync();
        await Interactions.DisposeAsync();
        await ServiceDesk.DisposeAsync();
        await Analytics.DisposeAsync();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }

    private static async Task MigrateAsync<TContext>(ServiceFactory<TContext> service) where TContext : DbContext
    {
        await using var scope = service.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<Suite>
{
    public const string Name = "suite";
}
