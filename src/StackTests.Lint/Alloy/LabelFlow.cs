using StackTests.Alloy.Graph;
using StackTests.Alloy.Syntax;

namespace StackTests.Lint.Alloy;

/// <summary>
/// Which labels the log entries of one route carry when they reach its last component, worked out
/// from the config alone: the source's target labels (through discovery.relabel rules), its
/// <c>labels</c> and <c>relabel_rules</c>, then each loki.relabel and loki.process on the way, then
/// loki.write's <c>external_labels</c>. Labels starting with <c>__</c> are dropped when entries leave the source.
/// </summary>
internal static class LabelFlow
{
    public static (LabelSet Labels, IReadOnlyList<LabelNote> Notes) Along(ComponentGraph graph, IReadOnlyList<Component> route)
    {
        var notes = new List<LabelNote>();
        var source = route[0];
        var fromDockerApi = source.Name == "loki.source.docker";

        var labels = TargetLabels(graph, source, notes, []);
        foreach (var field in AlloyValues.Fields(source.Argument("labels")?.Value)) labels.Add(field.Name.Name);
        if (fromDockerApi) labels.Add(LabelSet.DockerLogStream);
        foreach (var rules in graph.ReferencesIn(source, "relabel_rules").Select(r => r.Target).OfType<Component>())
            RelabelRules.Apply(rules.Block.BlocksNamed("rule"), labels, notes);
        labels = PublicOnly(labels);

        foreach (var component in route.Skip(1))
        {
            switch (component.Name)
            {
                case "loki.relabel":
                    RelabelRules.Apply(component.Block.BlocksNamed("rule"), labels, notes);
                    labels = PublicOnly(labels);
                    break;
                case "loki.process":
                    ProcessStages.Apply(component.Block, labels, fromDockerApi, notes);
                    break;
                case "loki.write":
                    foreach (var field in AlloyValues.Fields(component.Argument("external_labels")?.Value)) labels.Add(field.Name.Name);
                    break;
            }
        }
        return (labels, notes);
    }

    // The labels of the targets a component reads (its `targets` argument), hidden ones included.
    private static LabelSet TargetLabels(ComponentGraph graph, Component component, List<LabelNote> notes, HashSet<Component> visited)
    {
        var labels = new LabelSet();
        if (!visited.Add(component)) return labels;

        // Targets written out in place: [{ "__address__" = "...", job = "..." }, ...]
        if (component.Argument("targets")?.Value is ArrayExpression array)
            foreach (var element in array.Elements)
            foreach (var field in AlloyValues.Fields(element))
                labels.Add(field.Name.Name);

        foreach (var reference in graph.ReferencesIn(component, "targets"))
        {
            switch (reference.Target)
            {
                case { Name: "discovery.docker" }:
                    labels.UnionWith(LabelSet.DockerDiscovery());
                    break;
                case { Name: "discovery.relabel" } relabel:
                    var relabelled = TargetLabels(graph, relabel, notes, visited);
                    RelabelRules.Apply(relabel.Block.BlocksNamed("rule"), relabelled, notes);
                    labels.UnionWith(relabelled);
                    break;
                case not null:
                    labels.UnionWith(LabelSet.UnknownDiscovery());
                    break;
            }
        }
        return labels;
    }

    private static LabelSet PublicOnly(LabelSet labels)
    {
        var result = new LabelSet();
        foreach (var name in labels.Public) result.Add(name);
        return result;
    }
}
