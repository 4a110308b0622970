using System.Globalization;
using CrmPlatform.Hosting.Orchestration;

namespace CrmPlatform.Hosting.Servers;

/// <summary>
/// A .NET project run from its build output (<c>dotnet bin/&lt;Configuration&gt;/net10.0/X.dll</c>) with
/// Aspire's environment contract: connection strings, service discovery, URLs and OpenTelemetry.
/// </summary>
internal sealed class ProjectController(ProjectResource project, OrchestrationContext context)
    : ProcessResourceController(project, context)
{
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromSeconds(120);

    public override IReadOnlyList<string> Endpoints => project.Endpoint is { } uri ? [ConsoleReporter.Origin(uri)] : [];

    private string ProjectFile => Path.GetFullPath(Path.Combine(Context.RepoRoot, project.ProjectPath));

    private string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

    public string AssemblyPath => Path.Combine(
        ProjectDirectory, "bin", Context.ProjectConfiguration, "net10.0", Path.GetFileNameWithoutExtension(ProjectFile) + ".dll");

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(AssemblyPath))
        {
            throw Failure($"cannot start: {AssemblyPath} does not exist. Build first: dotnet build -c {Context.ProjectConfiguration}");
        }

        if (project.RunsMigrations)
        {
            SetState(ResourceState.Migrating);
            var spec = CreateSpec() with { Arguments = [AssemblyPath, "--migrate"], LogLabel = "migrate started" };
            await RunToCompletionAsync(spec, MigrationTimeout, "migrations", cancellationToken);
        }
    }

    protected override ProcessSpec CreateSpec() =>
        new("dotnet", [AssemblyPath]) { WorkingDirectory = ProjectDirectory, Environment = BuildEnvironment() };

    protected override Task<bool> ProbeAsync(CancellationToken cancellationToken) =>
        HealthProbes.HttpOkAsync(new Uri(project.Endpoint!, "/health"), cancellationToken);

    internal Dictionary<string, string> BuildEnvironment() => BuildEnvironment(project, Context.Configuration);

    /// <summary>The variables a project gets, exactly as Aspire would hand them.</summary>
    internal static Dictionary<string, string> BuildEnvironment(ProjectResource project, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = ConsoleReporter.Origin(project.Endpoint!),
            ["ASPNETCORE_ENVIRONMENT"] = configuration["Environment"] ?? "Development",
            ["OTEL_SERVICE_NAME"] = project.Name,
        };
        foreach (var key in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL" })
        {
            if (configuration[key] is { Length: > 0 } value)
            {
                environment[key] = value;
            }
        }

        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnectionString:
                    environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.ConnectionString
                        ?? throw new InvalidOperationException($"{reference} has no connection string yet.");
                    break;
                case ProjectResource other:
                    environment[string.Create(CultureInfo.InvariantCulture, $"services__{other.Name}__http__0")] =
                        ConsoleReporter.Origin(other.Endpoint ?? throw new InvalidOperationException($"{other} has no endpoint yet."));
                    break;
            }
        }

        foreach (var (name, value) in project.EnvironmentCallbacks)
        {
            environment[name] = value();
        }

        return environment;
    }
}
