using System.Text.RegularExpressions;
using StackTests.Alloy.Syntax;

namespace StackTests.Lint.Alloy;

/// <summary>
/// Applies the top-level stages of a loki.process to the labels of its entries, by name. Stages
/// that extract (json, logfmt, regex, template, docker, cri) fill the extracted map, which starts
/// with the entry's labels; stage.labels sets a label only from a key something extracted;
/// stage.static_labels always sets its labels. Stages inside stage.match apply only to some
/// entries and are not counted.
/// </summary>
internal static partial class ProcessStages
{
    private static readonly string[] DockerFileKeys = ["output", "stream", "timestamp"];
    private static readonly string[] CriKeys = ["content", "flags", "stream", "timestamp"];

    [GeneratedRegex(@"\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>")]
    private static partial Regex NamedGroup();

    /// <param name="entriesFromDockerApi">
    /// True when the entries come from loki.source.docker, which reads logs through the Docker API
    /// and forwards plain lines: stage.docker and stage.cri expect the log-file formats and extract nothing.
    /// </param>
    public static void Apply(BlockStatement process, LabelSet labels, bool entriesFromDockerApi, List<LabelNote> notes)
    {
        var extracted = new HashSet<string>(labels.Public, StringComparer.Ordinal);
        foreach (var stage in process.Blocks)
        {
            switch (stage.FullName)
            {
                case "stage.json":
                    extracted.UnionWith(AlloyValues.Fields(stage.Attribute("expressions")?.Value).Select(f => f.Name.Name));
                    break;
                case "stage.logfmt":
                    extracted.UnionWith(AlloyValues.Fields(stage.Attribute("mapping")?.Value).Select(f => f.Name.Name));
                    break;
                case "stage.regex":
                    if (AlloyValues.String(stage, "expression") is { } expression)
                        extracted.UnionWith(NamedGroup().Matches(expression).Select(m => m.Groups[1].Value));
                    break;
                case "stage.template":
                    if (AlloyValues.String(stage, "source") is { } templateSource) extracted.Add(templateSource);
                    break;
                case "stage.docker" or "stage.cri":
                    if (!entriesFromDockerApi) extracted.UnionWith(stage.FullName == "stage.docker" ? DockerFileKeys : CriKeys);
                    else
                        foreach (var key in stage.FullName == "stage.docker" ? DockerFileKeys : CriKeys)
                            notes.Add(new LabelNote(key, stage.NamePosition,
                                $"{stage.FullName} extracts nothing from loki.source.docker entries: they arrive as plain lines, not in the container runtime's log-file format"));
                    break;
                case "stage.static_labels":
                    foreach (var field in AlloyValues.Fields(stage.Attribute("values")?.Value))
                        if (AlloyValues.String(field.Value) is not "") labels.Add(field.Name.Name);
                    break;
                case "stage.labels":
                    foreach (var field in AlloyValues.Fields(stage.Attribute("values")?.Value))
                    {
                        var label = field.Name.Name;
                        var key = AlloyValues.String(field.Value) is { Length: > 0 } from ? from : label;
                        if (extracted.Contains(key)) labels.Add(label);
                        else notes.Add(new LabelNote(label, field.Name.Position,
                            $"stage.labels sets '{label}' from the extracted key '{key}', which no earlier stage extracts"));
                    }
                    break;
                case "stage.label_drop":
                    var dropped = AlloyValues.Strings(stage.Attribute("values")?.Value) ?? [];
                    labels.Remove(dropped.Contains);
                    break;
                case "stage.label_keep":
                    var kept = AlloyValues.Strings(stage.Attribute("values")?.Value);
                    if (kept is not null) labels.Remove(n => !n.StartsWith("__", StringComparison.Ordinal) && !kept.Contains(n));
                    break;
            }
        }
    }
}
