using CrmPlatform;
using CrmPlatform.Hosting;

// The CrmPlatform application model, in Aspire's shape. Flags: --isolated, --data-dir PATH, --keep-data.
if (AppHostArguments.Parse(args).Help)
{
    Console.WriteLine(AppHostArguments.Usage);
    return;
}

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres(ResourceNames.Postgres);
var customersDb = postgres.AddDatabase(ResourceNames.CustomersDb, "customers");
var interactionsDb = postgres.AddDatabase(ResourceNames.InteractionsDb, "interactions");
var serviceDeskDb = postgres.AddDatabase(ResourceNames.ServiceDeskDb, "service_desk");
var analyticsDb = postgres.AddDatabase(ResourceNames.AnalyticsDb, "analytics");
var rabbitMq = builder.AddRabbitMQ(ResourceNames.RabbitMq);
var redis = builder.AddRedis(ResourceNames.Redis);

// Development and test tokens (docs/identity.md); no database: users and clients come from its configuration.
var identity = builder.AddProject(ResourceNames.Identity, "src/Services/Identity/CrmPlatform.Identity.csproj")
    .WithHttpEndpoint(port: 5105);

var customers = builder.AddProject(ResourceNames.Customers, "src/Services/Customers/CrmPlatform.Customers.csproj")
    .WithHttpEndpoint(port: 5101)
    .WithReference(customersDb).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
    .WithMigrations()
    .WaitFor(customersDb).WaitFor(rabbitMq).WaitFor(redis).WaitFor(identity);

var interactions = builder.AddProject(ResourceNames.Interactions, "src/Services/Interactions/CrmPlatform.Interactions.csproj")
    .WithHttpEndpoint(port: 5102)
    .WithReference(interactionsDb).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
    .WithMigrations()
    .WaitFor(interactionsDb).WaitFor(rabbitMq).WaitFor(redis).WaitFor(identity);

var serviceDesk = builder.AddProject(ResourceNames.ServiceDesk, "src/Services/ServiceDesk/CrmPlatform.ServiceDesk.csproj")
    .WithHttpEndpoint(port: 5103)
    .WithReference(serviceDeskDb).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
    .WithMigrations()
    .WaitFor(serviceDeskDb).WaitFor(rabbitMq).WaitFor(redis).WaitFor(identity);

var analytics = builder.AddProject(ResourceNames.Analytics, "src/Services/Analytics/CrmPlatform.Analytics.csproj")
    .WithHttpEndpoint(port: 5104)
    .WithReference(analyticsDb).WithReference(rabbitMq).WithReference(redis).WithReference(identity)
    .WithMigrations()
    .WaitFor(analyticsDb).WaitFor(rabbitMq).WaitFor(redis).WaitFor(identity);

builder.AddProject(ResourceNames.Gateway, "src/Gateway/CrmPlatform.Gateway.csproj")
    .WithHttpEndpoint(port: 5080)
    .WithReference(customers).WithReference(interactions).WithReference(serviceDesk).WithReference(analytics)
    .WithReference(identity)
    .WaitFor(customers).WaitFor(interactions).WaitFor(serviceDesk).WaitFor(analytics).WaitFor(identity);

await using var app = builder.Build();
await app.RunAsync();
