using CrmPlatform.Integrations;
using CrmPlatform.Messaging;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmPlatform.IntegrationTests.Messaging.Ledger;

/// <summary>
/// One instance of the ledger service (a generic host with outbox dispatcher, consumer and
/// deferred-message processor) on the suite's real servers. Several may run at once.
/// </summary>
public sealed class LedgerService : IAsyncDisposable
{
    public const string ServiceName = "messaging-tests";
    public static readonly string Queue = QueueNames.For(ServiceName, typeof(LedgerEntryPosted).Namespace);
    private static readonly SemaphoreSlim _schemaLock = new(1, 1);
    private static bool _schemaCreated;
    private readonly IHost _host;

    private LedgerService(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<LedgerService> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Short intervals so a test sees retries, redeliveries and dead-lettering in seconds.
            ["Messaging:ImmediateRetryIntervals:0"] = "00:00:00.020",
            ["Messaging:ImmediateRetryIntervals:1"] = "00:00:00.020",
            ["Messaging:RedeliveryIntervals:0"] = "00:00:00.300",
            ["Messaging:RedeliveryIntervals:1"] = "00:00:00.300",
            ["Messaging:DeferredPollInterval"] = "00:00:00.100",
            ["Messaging:GapTimeout"] = "00:00:05",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddNpgsqlDbContext<LedgerDbContext>(ResourceNames.CustomersDb, LedgerDbContext.Schema);
        builder.AddReliableMessaging<LedgerDbContext>(ResourceNames.RabbitMq, ServiceName, events =>
            events.Handle<LedgerEntryPosted, LedgerEntryPostedHandler>());
        var host = builder.Build();
        await EnsureSchemaAsync(host.Services);
        await host.StartAsync();
        return new LedgerService(host);
    }

    /// <summary>Commits a ledger entry and its event in one transaction; returns the event's message id.</summary>
    public async Task<Guid> PostAsync(Guid customerId, int failTimes = 0)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        var entry = new LedgerEntry { Id = Guid.CreateVersion7(), CustomerId = customerId };
        db.Entries.Add(entry);
        var row = db.AddEvent(new LedgerEntryPosted { EntryId = entry.Id, CustomerId = customerId, FailTimes = failTimes }, customerId);
        await db.SaveChangesAsync();
        return row.MessageId;
    }

    public async Task<T> QueryAsync<T>(Func<LedgerDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LedgerDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static async Task EnsureSchemaAsync(IServiceProvider services)
    {
        await _schemaLock.WaitAsync();
        try
        {
            if (_schemaCreated)
            {
                return;
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            var dropSchema = $"DROP SCHEMA IF EXISTS {LedgerDbContext.Schema} CASCADE";
            await db.Database.ExecuteSqlRawAsync(dropSchema);
            await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
            await db.Database.ExecuteSqlRawAsync(MessagingModel.CreateSequenceTriggerSql(LedgerDbContext.Schema));
            _schemaCreated = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
