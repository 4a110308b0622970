using CrmPlatform.Gateway.Docs;
using CrmPlatform.Gateway.Extensions;
using CrmPlatform.Gateway.Limits;
using CrmPlatform.Gateway.Routing;
using CrmPlatform.Gateway.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseSecurityHeaders();
// CORS before the defaults: they end with authentication and authorization, which a preflight never passes.
app.UseCors();
app.UseServiceDefaults();
// After the defaults, so the caller is known and its own budget is counted.
app.UseRateLimiter();
app.UseRequestBodyLimits();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapReverseProxy(proxy =>
{
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
    proxy.UseForwarderProblems();
});

await app.RunAsync();
