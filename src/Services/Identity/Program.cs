using CrmPlatform.Identity.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
// OpenIddict answers /connect/token, discovery and the JWKS from the authentication middleware,
// which the defaults run before authorization.
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunAsync();
