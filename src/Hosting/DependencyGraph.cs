namespace CrmPlatform.Hosting;

/// <summary>Start/stop ordering of resources: a topological sort in layers.</summary>
public static class DependencyGraph
{
    /// <summary>
    /// Layers of resources: each layer depends only on earlier ones, so a layer's resources may start
    /// in parallel. Throws when the dependencies form a cycle, naming it.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Resource>> StartOrder(IEnumerable<Resource> resources)
    {
        var all = resources.ToList();
        foreach (var dependency in all.SelectMany(r => r.Dependencies))
        {
            if (!all.Contains(dependency))
            {
                throw new InvalidOperationException($"{dependency} is referenced but was not added to the application.");
            }
        }

        var remaining = all.ToDictionary(r => r, r => r.Dependencies.Count());
        var layers = new List<IReadOnlyList<Resource>>();
        var placed = new HashSet<Resource>();
        while (remaining.Count > 0)
        {
            var layer = remaining.Keys.Where(r => r.Dependencies.All(placed.Contains)).ToList();
            if (layer.Count == 0)
            {
                throw new InvalidOperationException($"Resource dependencies form a cycle: {DescribeCycle(remaining.Keys)}.");
            }

            foreach (var resource in layer)
            {
                remaining.Remove(resource);
                placed.Add(resource);
            }

            layers.Add(layer);
        }

        return layers;
    }

    /// <summary>The reverse: dependents stop before what they depend on.</summary>
    public static IReadOnlyList<IReadOnlyList<Resource>> StopOrder(IEnumerable<Resource> resources) =>
        [.. StartOrder(resources).Reverse()];

    private static string DescribeCycle(IEnumerable<Resource> unresolved)
    {
        // Follow unresolved dependencies from any unresolved node until one repeats: that loop is a cycle.
        var pending = unresolved.ToHashSet();
        var path = new List<Resource>();
        var current = pending.First();
        while (!path.Contains(current))
        {
            path.Add(current);
            current = current.Dependencies.First(pending.Contains);
        }

        var cycle = path.Skip(path.IndexOf(current)).Append(current);
        return string.Join(" -> ", cycle.Select(r => r.Name));
    }
}
