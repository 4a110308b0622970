namespace CrmPlatform.Hosting;

/// <summary>
/// A named thing the AppHost runs or points at. Like Aspire, the model only describes resources;
/// the orchestrator decides how to run them, so tests can inspect the model without starting anything.
/// </summary>
public abstract class Resource
{
    private readonly List<Resource> _waitFor = [];
    private readonly List<Resource> _references = [];

    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>Short kind label shown on the console and the dashboard.</summary>
    public abstract string Kind { get; }

    public IReadOnlyList<Resource> WaitsFor => _waitFor;

    public IReadOnlyList<Resource> References => _references;

    /// <summary>
    /// Dependencies the resource has by construction, independent of WaitFor/WithReference
    /// (a database cannot exist without its server).
    /// </summary>
    public virtual IEnumerable<Resource> ImplicitDependencies => [];

    /// <summary>Everything that must be healthy before this resource starts.</summary>
    public IEnumerable<Resource> Dependencies =>
        _waitFor.Concat(_references).Concat(ImplicitDependencies).Distinct();

    internal void AddWaitFor(Resource resource)
    {
        if (!_waitFor.Contains(resource))
        {
            _waitFor.Add(resource);
        }
    }

    internal void AddReference(Resource resource)
    {
        if (!_references.Contains(resource))
        {
            _references.Add(resource);
        }
    }

    public override string ToString() => $"{Kind} '{Name}'";
}

/// <summary>A resource that hands a connection string to the projects referencing it.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>The connection string; available once the application has started.</summary>
    string? ConnectionString { get; }
}
