namespace StackTests.Acceptance;

/// <summary>
/// What scenarios need of the stack, from their tags: @needs-SERVICE names a compose service,
/// @needs-containers a container engine (a scenario that starts containers of its own);
/// @uses-SERVICE names a service the scenario asks where it runs and does without elsewhere: it is
/// started where the stack can, and its absence skips nothing. No step may fall back to a model of
/// a component and pass, so what a scenario asks of a service it needs is tagged @needs.
/// </summary>
public static class ScenarioNeeds
{
    private const string Prefix = "needs-";
    private const string OptionalPrefix = "uses-";
    public const string Containers = "containers";

    /// <summary>The needs of one scenario (tags as the engine gives them, without '@').</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> tags) =>
        tags.Where(t => t.StartsWith(Prefix, StringComparison.Ordinal)).Select(t => t[Prefix.Length..]).ToList();

    /// <summary>The services one scenario asks where they run (tags without '@').</summary>
    public static IReadOnlyList<string> Optional(IEnumerable<string> tags) =>
        tags.Where(t => t.StartsWith(OptionalPrefix, StringComparison.Ordinal)).Select(t => t[OptionalPrefix.Length..]).ToList();

    /// <summary>
    /// The services the selected scenarios need or use, for the stack to start only those (with what they
    /// depend on); null when a selected scenario names no need, so every service must run.
    /// </summary>
    public static IReadOnlyList<string>? ServicesFor(IEnumerable<IReadOnlyList<string>> selectedScenarioTags)
    {
        var services = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tags in selectedScenarioTags)
        {
            var needs = Of(tags);
            var optional = Optional(tags);
            if (needs.Count == 0 && optional.Count == 0) return null;
            services.UnionWith(needs.Where(n => n != Containers));
            services.UnionWith(optional);
        }
        return services.ToList();
    }

    /// <summary>Why the stack cannot serve a scenario's needs, one entry per need it lacks.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> tags, IStackAccess stack) =>
        Of(tags).Select(need => need == Containers
                ? stack.Provider is "testcontainers" or "compose" ? null : "containers (the stack provider starts no containers)"
                : stack.IsAvailable(need) ? null : $"{need} ({stack.Unavailable(need)})")
            .OfType<string>()
            .ToList();
}
