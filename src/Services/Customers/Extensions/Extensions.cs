using CrmPlatform.Contracts.Accounting;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Contacts;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.Customers.Fiscal;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Import;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Customers.Lifecycle;
using CrmPlatform.Customers.Qualification;
using CrmPlatform.Customers.Search;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.Customers.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<CustomersDbContext>(ResourceNames.CustomersDb, CustomersDbContext.Schema);
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddIdempotencyKeys();
        builder.AddReliableMessaging<CustomersDbContext>(ResourceNames.RabbitMq, ResourceNames.Customers, events => events
            .Handle<CustomerPaymentOverdue, CustomerPaymentOverdueHandler>()
            .Handle<CustomerPaymentReceived, CustomerPaymentReceivedHandler>());

        builder.Services.AddOpenApi(options => options.AddIdempotencyKeyHeader().AddBearerSecurity().AddExamples(ApiExamples.Requests));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CustomerCache>();
        builder.Services.AddScoped<PaymentStanding>();
        builder.Services.Configure<CustomAttributeOptions>(builder.Configuration.GetSection(CustomAttributeOptions.Section));
        builder.Services.Configure<FiscalReviewOptions>(builder.Configuration.GetSection(FiscalReviewOptions.Section));
        builder.Services.AddSingleton<FiscalReviewService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<FiscalReviewService>());
        builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection(ImportOptions.Section));
        builder.Services.AddSingleton<ImportQueue>();
        builder.Services.AddSingleton<ImportFiles>();
        builder.Services.AddSingleton<ImportBatchWriter>();
        builder.Services.AddHostedService<ImportWorker>();
    }

    /// <summary>The portfolio's HTTP API under /api/customers.</summary>
    public static void MapPortfolioApi(this IEndpointRouteBuilder app) => app.MapCustomerApi()
        .MapStageApi()
        .MapQualificationApi()
        .MapContactApi()
        .MapHistoryApi()
        .MapCustomerSearch()
        .MapPossibleDuplicates()
        .MapMergeApi()
        .MapImportApi();
}
