using StackTests.Alloy.Graph;

namespace StackTests.Lint.Alloy;

/// <summary>
/// The routes log entries take: from a <c>loki.source.*</c> component along the components its
/// <c>forward_to</c> names, and theirs, until a component that forwards nowhere (a cycle ends a route too).
/// </summary>
internal static class LogRoutes
{
    public static bool IsSource(Component component) => component.Name.StartsWith("loki.source.", StringComparison.Ordinal);

    public static bool IsLokiWrite(Component component) => component.Name == "loki.write";

    public static IEnumerable<Component> Sources(ComponentGraph graph) => graph.Components.Where(IsSource);

    /// <summary>The components a component's <c>forward_to</c> names (resolved references only).</summary>
    public static IEnumerable<Component> Next(ComponentGraph graph, Component component) =>
        graph.ReferencesIn(component, "forward_to").Select(r => r.Target).OfType<Component>().Distinct();

    /// <summary>Every route from the source, each starting with the source itself.</summary>
    public static IReadOnlyList<IReadOnlyList<Component>> From(ComponentGraph graph, Component source)
    {
        var routes = new List<IReadOnlyList<Component>>();
        Walk([source]);
        return routes;

        void Walk(List<Component> route)
        {
            var next = Next(graph, route[^1]).Where(c => !route.Contains(c)).ToList();
            if (next.Count == 0)
            {
                routes.Add(route);
                return;
            }
            foreach (var component in next) Walk([.. route, component]);
        }
    }

    public static string Describe(IReadOnlyList<Component> route) => string.Join(" -> ", route.Select(c => c.Id));
}
