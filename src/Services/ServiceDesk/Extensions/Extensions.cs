using CrmPlatform.Contracts.Customers;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using CrmPlatform.ServiceDesk.Calendars;
using CrmPlatform.ServiceDesk.Customers;
using CrmPlatform.ServiceDesk.Infrastructure;
using CrmPlatform.ServiceDesk.Policies;
using CrmPlatform.ServiceDesk.Satisfaction;
using CrmPlatform.ServiceDesk.Tickets;

namespace CrmPlatform.ServiceDesk.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ServiceDeskDbContext>(ResourceNames.ServiceDeskDb, ServiceDeskDbContext.Schema);
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddIdempotencyKeys();
        builder.AddReliableMessaging<ServiceDeskDbContext>(ResourceNames.RabbitMq, ResourceNames.ServiceDesk, events => events
            .Handle<CustomerRegistered, CustomerDirectoryHandlers>()
            .Handle<CustomerProfileUpdated, CustomerDirectoryHandlers>()
            .Handle<CustomerSegmentsChanged, CustomerDirectoryHandlers>()
            .Handle<ContactAdded, CustomerDirectoryHandlers>()
            .Handle<ContactUpdated, CustomerDirectoryHandlers>()
            .Handle<ContactRemoved, CustomerDirectoryHandlers>()
            .Handle<CustomerMerged, CustomerDirectoryHandlers>());
        builder.Services.AddOpenApi(options => options.AddIdempotencyKeyHeader().AddBearerSecurity().AddExamples(ApiExamples.Requests));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<TicketOptions>(builder.Configuration.GetSection(TicketOptions.Section));
        builder.Services.Configure<SlaSweepOptions>(builder.Configuration.GetSection(SlaSweepOptions.Section));
        builder.Services.AddSingleton<SlaSweep>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SlaSweep>());
    }

    /// <summary>The service desk's HTTP API: tickets, SLA policies, business calendars, NPS.</summary>
    public static void MapServiceDeskApi(this IEndpointRouteBuilder app)
    {
        app.MapTicketApi().MapTicketWorkflowApi();
        app.MapPolicyApi().MapCalendarApi().MapNpsApi();
    }
}
