using StackTests.Alloy.Graph;

namespace StackTests.Lint.Alloy;

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

    // Names the declared components closest to the reference (longest shared prefix), where a typo usually hides.
    private static string Declared(ComponentGraph graph, IReadOnlyList<string> fragments)
    {
        static int Shared(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
            a.Zip(b).TakeWhile(pair => pair.First == pair.Second).Count();

        var best = graph.Components.Select(c => Shared(c.IdFragments, fragments)).DefaultIfEmpty(0).Max();
        if (best == 0) return $"no '{fragments[0]}.*' component is declared";
        return "declared: " + string.Join(", ", graph.Components.Where(c => Shared(c.IdFragments, fragments) == best).Select(c => c.Id));
    }
}
