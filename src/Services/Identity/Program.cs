using CrmPlatform.Identity.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServiceDefaults();

// OpenIddict answers /connect/token, discovery and the JWKS from the authentication middleware.
app.UseAuthentication();
app.MapDefaultEndpoints();

await app.RunAsync();
