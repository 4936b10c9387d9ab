using StackTests.Alloy.Graph;

namespace StackTests.Lint.Alloy;

/// <summary>
/// alloy-labels: the logs of every route from a loki.source.* to a loki.write carry the labels
/// the stack's queries and dashboards select on. A label counts only when something on the route
/// actually writes it; writers that write nothing are named in the finding.
/// </summary>
internal static class LabelsRule
{
    public static IEnumerable<Finding> Check(AlloyConfig config, IReadOnlyList<string> requiredLabels)
    {
        var graph = config.Graph;
        foreach (var source in LogRoutes.Sources(graph))
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var route in LogRoutes.From(graph, source).Where(r => LogRoutes.IsLokiWrite(r[^1])))
            {
                var (labels, notes) = LabelFlow.Along(graph, route);
                var missing = requiredLabels.Where(l => !labels.Names.Contains(l)).ToList();
                if (missing.Count == 0 || !reported.Add(string.Join(",", missing))) continue;

                var why = notes.Where(n => missing.Contains(n.Label)).Distinct().Select(n => n.ToString()).ToList();
                yield return config.Error(source.Position, AlloyRuleIds.Labels,
                    $"logs from {source.Id} reach {route[^1].Id} without the label{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}: " +
                    $"nothing on {LogRoutes.Describe(route)} writes {(missing.Count > 1 ? "them" : "it")}" +
                    (why.Count > 0 ? $" ({string.Join("; ", why)})" : ""));
            }
        }
    }
}
