using CrmPlatform.Analytics.Extensions;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Integrations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServiceDefaults();
app.UseIdempotencyKeys();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapAnalyticsApi();

await app.RunOrMigrateAsync<AnalyticsDbContext>(args);
