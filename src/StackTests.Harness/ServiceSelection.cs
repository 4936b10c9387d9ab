using StackTests.Compose;

namespace StackTests.Harness;

/// <summary>
/// Which compose services a run starts: those its scenarios need and everything they depend on
/// (depends_on, transitively), so that a run selecting a few scenarios starts a few services.
/// </summary>
public static class ServiceSelection
{
    /// <summary>The named services and their dependencies; a name compose does not know is an error naming it.</summary>
    public static IReadOnlySet<string> WithDependencies(ComposeFile compose, IEnumerable<string> services)
    {
        var known = compose.Services.ToDictionary(s => s.Name);
        var selected = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(services);
        while (pending.TryPop(out var name))
        {
            if (!known.TryGetValue(name, out var service))
                throw new ArgumentException($"no service '{name}' in {compose.Path} (services: {string.Join(", ", known.Keys)})");
            if (!selected.Add(name)) continue;
            foreach (var dependency in service.DependsOn) pending.Push(dependency);
        }
        return selected;
    }

    /// <summary>The compose file reduced to the given services (null: all of them).</summary>
    public static ComposeFile Only(this ComposeFile compose, IReadOnlySet<string>? services) =>
        services is null ? compose : compose with { Services = compose.Services.Where(s => services.Contains(s.Name)).ToList() };
}
