using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.IntegrationTests.Gateway;

/// <summary>
/// Stands in for every service behind the gateway: a bare Kestrel app on a free loopback port that serves an
/// OpenAPI document at /openapi/v1.json and answers anything else with what it received (method, path, body
/// size). <c>X-Test-Delay-Ms</c> makes it wait before answering, for the gateway's timeout.
/// </summary>
internal sealed class FakeBackend : IAsyncDisposable
{
    public const string DelayHeader = "X-Test-Delay-Ms";
    public const string DocumentTitle = "Fake service";

    private readonly WebApplication _app;

    private FakeBackend(WebApplication app) => _app = app;

    /// <summary>Where it listens (http://127.0.0.1:port), once started.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The paths it was asked for, in order: what the gateway made of the caller's path.</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    public static async Task<FakeBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new FakeBackend(app);
        app.Use(async (context, next) =>
        {
            backend.Paths.Enqueue(context.Request.Path);
            if (context.Request.Headers[DelayHeader] is [{ } delay])
            {
                await Task.Delay(int.Parse(delay, CultureInfo.InvariantCulture), context.RequestAborted);
            }

            await next(context);
        });
        app.MapGet("/openapi/v1.json", () => Results.Json(new { openapi = "3.1.1", info = new { title = DocumentTitle, version = "v1" }, paths = new { } }));
        app.MapFallback(async context =>
        {
            long bytes = 0;
            var buffer = new byte[81_920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                bytes += read;
            }

            await context.Response.WriteAsJsonAsync(new { method = context.Request.Method, path = context.Request.Path.Value, bytes });
        });
        await app.StartAsync();
        backend.Address = app.Urls.First();
        return backend;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
