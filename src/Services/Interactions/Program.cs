using CrmPlatform.Integrations;
using CrmPlatform.Interactions.Extensions;
using CrmPlatform.Interactions.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServiceDefaults();
app.UseIdempotencyKeys();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapInteractionServiceApi();

await app.RunOrMigrateAsync<InteractionsDbContext>(args);
