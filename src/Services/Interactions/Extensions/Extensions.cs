using CrmPlatform.Contracts.Analytics;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Contracts.Sales;
using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.Integrations;
using CrmPlatform.Interactions.Commitments;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.InteractionLog;
using CrmPlatform.Interactions.Relationship;
using CrmPlatform.Interactions.Timeline;
using CrmPlatform.Messaging;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.Interactions.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<InteractionsDbContext>(ResourceNames.InteractionsDb, InteractionsDbContext.Schema);
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddIdempotencyKeys();
        builder.AddReliableMessaging<InteractionsDbContext>(ResourceNames.RabbitMq, ResourceNames.Interactions, events => events
            .Handle<CustomerRegistered, CustomerDirectoryHandlers>()
            .Handle<CustomerProfileUpdated, CustomerDirectoryHandlers>()
            .Handle<CustomerOwnerChanged, CustomerDirectoryHandlers>()
            .Handle<ContactAdded, CustomerDirectoryHandlers>()
            .Handle<ContactUpdated, CustomerDirectoryHandlers>()
            .Handle<ContactRemoved, CustomerDirectoryHandlers>()
            .Handle<CustomerMerged, CustomerMergedHandler>()
            .Handle<CustomerStageChanged, CustomerTimelineHandlers>()
            .Handle<CustomerQualified, CustomerTimelineHandlers>()
            .Handle<TicketOpened, ServiceDeskTimelineHandlers>()
            .Handle<TicketResolved, ServiceDeskTimelineHandlers>()
            .Handle<TicketSlaBreached, ServiceDeskTimelineHandlers>()
            .Handle<PurchaseRecorded, PurchaseTimelineHandler>()
            .Handle<PurchaseAccepted, PurchaseTimelineHandler>());

        builder.Services.AddOpenApi(options => options.AddIdempotencyKeyHeader().AddBearerSecurity().AddExamples(ApiExamples.Requests));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<InteractionOptions>(builder.Configuration.GetSection(InteractionOptions.Section));
        builder.Services.Configure<OverdueCommitmentOptions>(builder.Configuration.GetSection(OverdueCommitmentOptions.Section));
        builder.Services.AddSingleton<OverdueCommitmentSweep>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OverdueCommitmentSweep>());
    }

    /// <summary>The HTTP API: interactions, commitments, and the timeline and relationship routes of a customer.</summary>
    public static void MapInteractionServiceApi(this IEndpointRouteBuilder app) => app
        .MapInteractionApi()
        .MapCommitmentApi()
        .MapTimelineApi()
        .MapRelationshipApi();
}
