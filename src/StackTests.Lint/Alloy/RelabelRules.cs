using System.Text.RegularExpressions;
using StackTests.Alloy.Syntax;

namespace StackTests.Lint.Alloy;

/// <summary>
/// Applies Prometheus-style relabel <c>rule</c> blocks to a <see cref="LabelSet"/>, by label name:
/// the values are unknown until run time, so a <c>replace</c> counts as writing its target_label
/// when its replacement is a non-empty constant or when one of its source_labels is present.
/// A replace from absent sources yields an empty value, which Prometheus relabeling treats as
/// "remove the label": that writes nothing, and is noted.
/// </summary>
internal static class RelabelRules
{
    public static void Apply(IEnumerable<BlockStatement> rules, LabelSet labels, List<LabelNote> notes)
    {
        foreach (var rule in rules)
        {
            var action = (AlloyValues.String(rule, "action") ?? "replace").ToLowerInvariant();
            var regex = AlloyValues.String(rule, "regex") ?? "(.*)";
            switch (action)
            {
                case "replace":
                    Replace(rule, labels, notes);
                    break;
                case "labelmap":
                    var replacement = AlloyValues.String(rule, "replacement") ?? "$1";
                    if (Anchored(regex) is not { } map) break;
                    foreach (var name in labels.Names.ToList().Where(n => map.IsMatch(n)))
                        labels.Add(map.Replace(name, replacement));
                    break;
                case "labeldrop":
                    if (Anchored(regex) is { } drop) labels.Remove(drop.IsMatch);
                    break;
                case "labelkeep":
                    if (Anchored(regex) is { } keep) labels.Remove(n => !keep.IsMatch(n));
                    break;
            }
        }
    }

    private static void Replace(BlockStatement rule, LabelSet labels, List<LabelNote> notes)
    {
        if (AlloyValues.String(rule, "target_label") is not { Length: > 0 } target || target.Contains('$')) return;
        var replacement = AlloyValues.String(rule, "replacement") ?? "$1";
        var sourceExpression = rule.Attribute("source_labels")?.Value;
        var sources = AlloyValues.Strings(sourceExpression) ?? [];
        var sourcesKnown = sourceExpression is null || AlloyValues.Strings(sourceExpression) is not null;

        if (!replacement.Contains('$'))
        {
            if (replacement.Length > 0) labels.Add(target);
            else notes.Add(new LabelNote(target, rule.NamePosition, $"the rule for '{target}' replaces it with \"\", which removes the label"));
            return;
        }

        if (!sourcesKnown || sources.Any(labels.Has))
        {
            labels.Add(target);
            return;
        }

        var why = sources.Count == 0
            ? $"the rule for '{target}' has no source_labels, so its value is empty and the label is dropped"
            : $"the rule for '{target}' reads {string.Join(", ", sources)}, which nothing provides here";
        if (sources.Contains(LabelSet.DockerLogStream))
            why += $" ({LabelSet.DockerLogStream} exists only on entries, in loki.source.docker's relabel_rules, not on discovered targets)";
        notes.Add(new LabelNote(target, rule.NamePosition, why));
    }

    // Prometheus anchors relabel regexes at both ends.
    private static Regex? Anchored(string pattern)
    {
        try { return new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException) { return null; }
    }
}
