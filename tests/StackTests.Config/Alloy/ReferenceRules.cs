using StackTests.Alloy.Graph;

namespace StackTests.Config.Alloy;

/// <summary>
/// alloy-unresolved-reference and alloy-unknown-export: every reference names a declared
/// component, and one of the fields that component type exports (when the catalog knows the type).
/// </summary>
internal static class ReferenceRules
{
    public static IEnumerable<Finding> Check(AlloyConfig config)
    {
        var graph = config.Graph;
        foreach (var reference in graph.References)
        {
            if (reference.Target is not { } target)
            {
                yield return config.Error(reference.Position, AlloyRuleIds.UnresolvedReference,
                    $"'{reference.Text}' (in {reference.From.Id} {reference.ArgumentPath}) refers to no declared component; {Declared(graph, reference.Fragments)}");
                continue;
            }
            if (target.Schema is not { } schema || reference.Export is not { } export || schema.HasExport(export)) continue;
            var exports = schema.Exports.Count == 0 ? "exports nothing" : $"exports only {string.Join(", ", schema.Exports)}";
            yield return config.Error(reference.Position, AlloyRuleIds.UnknownExport,
                $"'{reference.Text}': {target.Name} has no export '{export}' ({target.Name} {exports})");
        }
    }

    // Names the declared components of the same type, which is where a typo usually hides.
    private static string Declared(ComponentGraph graph, IReadOnlyList<string> fragments)
    {
        var sameNamespace = graph.Components.Where(c => c.Block.Name[0] == fragments[0]).Select(c => c.Id).ToList();
        return sameNamespace.Count == 0
            ? $"no '{fragments[0]}.*' component is declared"
            : $"declared: {string.Join(", ", sameNamespace)}";
    }
}
