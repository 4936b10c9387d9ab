namespace StackTests.Lint.Alloy;

/// <summary>
/// alloy-forward-chain: every route a loki.source.* sends logs along ends in a loki.write;
/// a route that stops anywhere else loses those logs.
/// </summary>
internal static class ForwardChainRule
{
    public static IEnumerable<Finding> Check(AlloyConfig config)
    {
        var graph = config.Graph;
        foreach (var source in LogRoutes.Sources(graph))
        {
            var forwardTo = source.Argument("forward_to");
            if (forwardTo is null) continue; // alloy-missing-argument says so
            var references = graph.ReferencesIn(source, "forward_to").ToList();
            if (references.Any(r => !r.IsResolved)) continue; // alloy-unresolved-reference says so
            if (references.Count == 0)
            {
                yield return config.Error(forwardTo.Start, AlloyRuleIds.ForwardChain,
                    $"{source.Id} forwards to no component: its logs reach no loki.write");
                continue;
            }

            // A route that ends at a forward_to naming something undeclared is reported as that reference.
            var deadEnds = LogRoutes.From(graph, source)
                .Where(route => !LogRoutes.IsLokiWrite(route[^1]) && graph.ReferencesIn(route[^1], "forward_to").All(r => r.IsResolved))
                .DistinctBy(route => route[^1].Id);
            foreach (var route in deadEnds)
                yield return config.Error(forwardTo.Start, AlloyRuleIds.ForwardChain,
                    $"logs from {source.Id} along {LogRoutes.Describe(route)} stop at {route[^1].Id}, which is not a loki.write and forwards them nowhere");
        }
    }
}
