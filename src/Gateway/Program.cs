using CrmPlatform.Gateway.Extensions;
using CrmPlatform.Gateway.Limits;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServiceDefaults();
app.UseLargeUploadLimits();
app.MapDefaultEndpoints();
app.MapReverseProxy();

await app.RunAsync();
