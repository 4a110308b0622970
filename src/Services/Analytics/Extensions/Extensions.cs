using CrmPlatform.Analytics.Customers;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Kpis;
using CrmPlatform.Analytics.Lifetime;
using CrmPlatform.Analytics.Portfolio;
using CrmPlatform.Analytics.Purchases;
using CrmPlatform.Analytics.Relationships;
using CrmPlatform.Analytics.Value;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Contracts.Interactions;
using CrmPlatform.Contracts.Sales;
using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.Analytics.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Its queries sort and hash whole tables (RFM windows, views, bulk loads): 4 MB of work memory made them spill to disk.
        // And JIT compilation, which PostgreSQL switches on from cost estimates, cost a view seconds on a misestimate. At
        // 10M purchases a history load of a few million rows, the model's summary or a cold retention view run past Npgsql's
        // 30 s; a request's own cancellation still stops them when its client goes away.
        builder.AddNpgsqlDbContext<AnalyticsDbContext>(
            ResourceNames.AnalyticsDb, AnalyticsDbContext.Schema, "-c work_mem=64MB -c jit=off", commandTimeout: TimeSpan.FromMinutes(10));
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddIdempotencyKeys();
        builder.AddReliableMessaging<AnalyticsDbContext>(ResourceNames.RabbitMq, ResourceNames.Analytics, events =>
            events
                .Handle<CustomerRegistered, CustomerRegisteredHandler>()
                .Handle<CustomerMerged, CustomerMergedHandler>()
                .Handle<CustomerStageChanged, CustomerStageChangedHandler>()
                .Handle<PurchaseRecorded, PurchaseRecordedHandler>()
                .Handle<NpsResponded, ServiceDeskHandlers>()
                .Handle<SatisfactionRated, ServiceDeskHandlers>()
                .Handle<InteractionLogged, RelationshipHandlers>()
                .Handle<CommitmentOverdue, RelationshipHandlers>()
                .Handle<CommitmentCompleted, RelationshipHandlers>()
                .Handle<CommitmentCancelled, RelationshipHandlers>()
                .Handle<ContactAdded, RelationshipHandlers>()
                .Handle<ContactUpdated, RelationshipHandlers>()
                .Handle<ContactRemoved, RelationshipHandlers>()
                .Handle<CustomerProfileUpdated, RelationshipHandlers>()
                .Handle<TicketSlaBreached, RelationshipHandlers>());

        builder.Services.AddOpenApi(options => options.AddIdempotencyKeyHeader().AddBearerSecurity().AddExamples(ApiExamples.Requests));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SummaryCache>();
        builder.Services.AddSingleton<PurchaseChanges>();
        builder.Services.AddSingleton<LifetimeModelCache>();
        builder.Services.AddSingleton<AttentionCache>();
        builder.Services.AddSingleton<ViewCache>();
        builder.Services.Configure<ValueOptions>(builder.Configuration.GetSection(ValueOptions.Section));
        builder.Services.Configure<AttentionOptions>(builder.Configuration.GetSection(AttentionOptions.Section));
        builder.Services.AddSingleton<RfmRecompute>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RfmRecompute>());
        builder.Services.AddSingleton<CurrentLifetimeModel>();
        builder.Services.AddSingleton<LifetimeModelRefit>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LifetimeModelRefit>());
    }

    /// <summary>The HTTP API: the portfolio summary, purchases, value profiles and the lifetime-value model.</summary>
    public static void MapAnalyticsApi(this IEndpointRouteBuilder app) => app
        .MapSummaryApi()
        .MapPurchaseApi()
        .MapCustomerValueApi()
        .MapPortfolioApi()
        .MapRetentionApi()
        .MapKpiApi()
        .MapLifetimeModelApi()
        .MapStoredModelApi()
        .MapValueAdminApi()
        .MapAttentionApi();
}
