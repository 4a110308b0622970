using CrmPlatform.Customers.Extensions;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServiceDefaults();
app.UseIdempotencyKeys();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapPortfolioApi();

await app.RunOrMigrateAsync<CustomersDbContext>(args);
