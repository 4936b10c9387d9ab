using StackTests.Alloy.Graph;
using StackTests.Alloy.Syntax;
using StackTests.Lint.Alloy;

namespace StackTests.Tests.Alloy.Corpus;

/// <summary>The component graph and file checks against configs Alloy's converter writes: no false alarms.</summary>
public sealed class AlloyCorpusGraphTests
{
    public static TheoryData<string> ValidFiles => CorpusFolder.FileNames("alloy/valid", "otelcol-*.alloy");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Every_reference_names_a_declared_component_and_one_of_its_exports(string fileName)
    {
        var path = CorpusFolder.Require("alloy/valid", fileName);
        var graph = ComponentGraph.Build(AlloyParser.ParseOrThrow(path, File.ReadAllText(path)));

        graph.References.Where(r => !r.IsResolved || (r.Target!.Schema is { } s && !s.HasExport(r.Export ?? "")))
            .Select(r => $"{r.Position}: {r}").Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void The_file_checks_find_nothing_wrong_in_a_config_alloy_writes_itself(string fileName)
    {
        var path = CorpusFolder.Require("alloy/valid", fileName);

        AlloyChecks.CheckFile(path, File.ReadAllText(path)).Select(f => f.ToString()).Should().BeEmpty();
    }
}
