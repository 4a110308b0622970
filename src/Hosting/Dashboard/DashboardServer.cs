using System.Text.Json.Serialization;
using CrmPlatform.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Hosting.Dashboard;

/// <summary>
/// A small stand-in for the Aspire dashboard: a resource table and live logs, served by Kestrel on
/// loopback with minimal APIs. Pages are self-contained (no external assets) so it works offline.
/// </summary>
internal sealed class DashboardServer(IReadOnlyList<ResourceController> controllers, int port) : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri Url { get; } = new($"http://127.0.0.1:{port}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });

        // The AppHost's console is for resource state; Kestrel's own chatter would drown it.
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(ConsoleReporter.Origin(Url));
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.MapGet("/", () => Results.Content(DashboardPages.Index, "text/html; charset=utf-8"));
        app.MapGet("/resources/{name}", (string name) => Find(name) is null
            ? NotFound(name)
            : Results.Content(DashboardPages.Logs, "text/html; charset=utf-8"));
        app.MapGet("/api/resources", () => Results.Ok(controllers.Select(c => c.Snapshot())));
        app.MapGet("/api/resources/{name}", (string name) => Find(name) is { } c ? Results.Ok(c.Snapshot()) : NotFound(name));
        app.MapGet("/api/resources/{name}/logs", (string name, long? after) => Find(name) is { } c
            ? Results.Ok(new LogsResponse(c.Name, c.Log.Path, c.Log.Since(after ?? 0)))
            : NotFound(name));

        await app.StartAsync(cancellationToken);
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            _app = null;
        }
    }

    private ResourceController? Find(string name) =>
        controllers.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IResult NotFound(string name) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Resource not found", detail: $"There is no resource named '{name}'.");

    private sealed record LogsResponse(string Name, string LogFile, IReadOnlyList<LogLine> Lines);
}
