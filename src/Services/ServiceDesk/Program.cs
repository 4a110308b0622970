using CrmPlatform.Integrations;
using CrmPlatform.ServiceDesk.Extensions;
using CrmPlatform.ServiceDesk.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServiceDefaults();
app.UseIdempotencyKeys();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapServiceDeskApi();

await app.RunOrMigrateAsync<ServiceDeskDbContext>(args);
