namespace CrmPlatform.Hosting;

public static class ResourceBuilderExtensions
{
    /// <summary>
    /// Hands the referenced resource to the project: a connection string for servers and databases,
    /// a service-discovery variable for projects. A reference is also a start-order dependency.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReference<TSource>(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<TSource> source)
        where TSource : Resource
    {
        if (source.Resource is not (IResourceWithConnectionString or ProjectResource))
        {
            throw new ArgumentException($"{source.Resource} cannot be referenced.", nameof(source));
        }

        builder.Resource.AddReference(source.Resource);
        return builder;
    }

    /// <summary>Delays the start of this resource until <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T, TDependency>(this IResourceBuilder<T> builder, IResourceBuilder<TDependency> dependency)
        where T : Resource
        where TDependency : Resource
    {
        builder.Resource.AddWaitFor(dependency.Resource);
        return builder;
    }

    /// <summary>Fixed HTTP port in normal mode (isolated mode always picks a free port).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        builder.Resource.RequestedPort = port;
        return builder;
    }

    /// <summary>Sets a variable for the project; <paramref name="value"/> is read again at each (re)start.</summary>
    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, Func<string> value)
    {
        builder.Resource.EnvironmentCallbacks[name] = value;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string value) =>
        builder.WithEnvironment(name, () => value);

    /// <summary>Runs <c>dotnet &lt;dll&gt; --migrate</c> with the project's environment before starting it.</summary>
    public static IResourceBuilder<ProjectResource> WithMigrations(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.RunsMigrations = true;
        return builder;
    }

    /// <summary>A setting of a local PostgreSQL server, e.g. <c>shared_buffers</c> for a benchmark's data set.</summary>
    public static IResourceBuilder<PostgresServerResource> WithSetting(
        this IResourceBuilder<PostgresServerResource> builder, string name, string value)
    {
        builder.Resource.Settings[name] = value;
        return builder;
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(database);
        return builder.ApplicationBuilder.AddResource(database);
    }
}
