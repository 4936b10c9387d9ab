using StackTests.Alloy.Syntax;

namespace StackTests.Lint.Alloy;

/// <summary>
/// regex-re2: the regular expressions Alloy compiles with Go's regexp (RE2), which .NET's Regex
/// would judge differently: relabel <c>rule</c> blocks' <c>regex</c> (discovery.relabel,
/// loki.relabel, prometheus.relabel ...: Alloy's component/common/relabel, as Prometheus' relabel
/// package) and loki.process' <c>stage.regex</c> / <c>stage.replace</c> <c>expression</c>
/// (Alloy's component/loki/process/stages/extensions regex.go and replace.go, regexp.Compile).
/// Alloy refuses to load a component whose regex does not compile.
/// </summary>
internal static class RegexRule
{
    private static readonly Dictionary<string, string> RegexArguments = new(StringComparer.Ordinal)
    {
        ["rule"] = "regex",
        ["stage.regex"] = "expression",
        ["stage.replace"] = "expression",
    };

    public static IEnumerable<Finding> Check(AlloyConfig config)
    {
        foreach (var component in config.Graph.Components)
        foreach (var block in Nested(component.Block))
        {
            if (!RegexArguments.TryGetValue(block.FullName, out var argument)) continue;
            if (block.Attribute(argument) is not { } attribute || AlloyValues.String(attribute.Value) is not { } pattern) continue;
            if (Re2Syntax.Problem(pattern) is { } problem)
                yield return config.Error(attribute.Value.Start, RuleIds.RegexRe2,
                    $"{component.Id} {block.FullName} {argument} \"{pattern}\": {problem.Message} (at {problem.Offset} of the expression); Alloy compiles it with Go's RE2 and refuses the config");
        }
    }

    private static IEnumerable<BlockStatement> Nested(BlockStatement block) =>
        block.Blocks.SelectMany(b => Nested(b).Prepend(b));
}
