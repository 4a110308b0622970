using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace CrmPlatform.Hosting;

/// <summary>Collects the application model, as Aspire's IDistributedApplicationBuilder does.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        Options = options;
        Arguments = AppHostArguments.Parse(options.Args);

        // appsettings.json next to the AppHost, then environment, then command line: the usual
        // .NET precedence, so `ConnectionStrings__postgres=...` or `--Ports:gateway=6080` both work.
        Configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. Arguments.ConfigurationArgs])
            .Build();
    }

    public DistributedApplicationOptions Options { get; }

    public AppHostArguments Arguments { get; }

    public IConfiguration Configuration { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public bool IsIsolated => Options.Isolated || Arguments.Isolated;

    public IResourceBuilder<PostgresServerResource> AddPostgres(string name) => AddServer(new PostgresServerResource(name));

    public IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name) => AddServer(new RabbitMQServerResource(name));

    public IResourceBuilder<RedisResource> AddRedis(string name) => AddServer(new RedisResource(name));

    /// <param name="name">Resource name (also the service-discovery name).</param>
    /// <param name="projectPath">Path of the .csproj relative to the repository root.</param>
    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath) =>
        AddResource(new ProjectResource(name, projectPath));

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        // Validate the graph now: a cycle is a programming error and should fail before any server starts.
        DependencyGraph.StartOrder(_resources);
        return new DistributedApplication(this);
    }

    private IResourceBuilder<T> AddServer<T>(T server)
        where T : ServerResource
    {
        // An external server is configured exactly like Aspire's connection-string resources.
        server.ExternalConnectionString = Configuration.GetConnectionString(server.Name) is { Length: > 0 } external
            ? external
            : null;
        return AddResource(server);
    }

    internal string ResolveProjectConfiguration() =>
        Options.ProjectConfiguration
        ?? Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? typeof(DistributedApplicationBuilder).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? "Debug";

    internal string ResolveRepoRoot()
    {
        if (Options.RepoRoot is { } root)
        {
            return Path.GetFullPath(root);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DistributedApplicationException(
            $"Could not find CrmPlatform.sln above {AppContext.BaseDirectory}; set DistributedApplicationOptions.RepoRoot.");
    }
}
