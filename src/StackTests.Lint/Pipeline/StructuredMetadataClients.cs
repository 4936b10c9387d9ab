using StackTests.Alloy.Graph;
using StackTests.Alloy.Syntax;
using StackTests.Models.Documents;

namespace StackTests.Lint.Pipeline;

/// <summary>
/// loki-structured-metadata, the clients' side: Loki disallows structured metadata
/// (<c>limits_config.allow_structured_metadata: false</c>) while Alloy attaches some
/// (<c>stage.structured_metadata</c> in loki.process). Loki's distributor refuses such entries
/// (grafana/loki pkg/distributor/validator.go: "stream ... includes structured metadata, but this
/// feature is disallowed"), so the lines never arrive.
/// </summary>
public static class StructuredMetadataClients
{
    public static IReadOnlyList<Finding> Check(IReadOnlyList<(string Path, string Text, FileKind Kind)> files)
    {
        var disallowed = files.Where(f => f.Kind == FileKind.LokiConfig)
            .Select(f => ConfigYaml.TryParse(f.Path, f.Text, out var root, out _) && !LokiChecks.AllowsStructuredMetadata(root) ? f.Path : null)
            .FirstOrDefault(p => p is not null);
        if (disallowed is null) return [];
        var findings = new List<Finding>();
        foreach (var (path, text, _) in files.Where(f => f.Kind == FileKind.Alloy))
        {
            var parsed = AlloyParser.Parse(path, text);
            if (!parsed.Succeeded) continue;
            foreach (var process in ComponentGraph.Build(parsed.Document).OfType("loki.process"))
            foreach (var stage in process.Block.BlocksNamed("stage.structured_metadata"))
                findings.Add(new Finding(path, stage.NamePosition.Line, stage.NamePosition.Column, Severity.Error, RuleIds.LokiStructuredMetadata,
                    $"{process.Id} attaches structured metadata, which {disallowed} disallows (limits_config.allow_structured_metadata: false): " +
                    "Loki refuses every entry that carries it"));
        }
        return findings;
    }
}
