using System.Diagnostics;
using StackTests.Lint;
using StackTests.Lint.Dashboards;
using StackTests.Lint.Queries;
using StackTests.Models.Queries;

namespace StackTests.Tests.Lint;

/// <summary>
/// Dashboards no one here wrote (the Loki mixin, ../shared/corpus/dashboards): every panel
/// query parses once template variables are substituted, so the query checks raise no false error.
/// </summary>
[Trait("Tier", "integration")]
public sealed class CorpusDashboardTests(ITestOutputHelper output)
{
    private static string Folder => Path.Combine(TestPaths.Corpus, "dashboards");

    [Fact]
    public void Every_corpus_panel_query_parses()
    {
        Assert.SkipUnless(Directory.Exists(Folder), $"the shared corpus is absent: no folder {Folder}");
        var files = Directory.GetFiles(Folder, "*.json").Order().Select(f => (f, File.ReadAllText(f))).ToList();
        files.Should().NotBeEmpty();

        SharedGrammar.Value.Parse(QueryLanguage.PromQL, "up"); // node's first start is not the checks' cost
        var clock = Stopwatch.StartNew();
        var findings = DashboardChecks.Check(files, datasources: null, SharedGrammar.Value, requireStackDashboards: false);
        clock.Stop();
        output.WriteLine($"{files.Count} dashboards checked in {clock.ElapsedMilliseconds} ms ({files.Count / clock.Elapsed.TotalSeconds:0} dashboards/s)");

        findings.Where(f => f.RuleId is RuleIds.QuerySyntax or RuleIds.JsonSyntax).Should().BeEmpty(
            "a query of a real dashboard must parse after template substitution; findings:\n"
            + string.Join("\n", findings.Where(f => f.RuleId is RuleIds.QuerySyntax or RuleIds.JsonSyntax)));
        foreach (var rule in findings.GroupBy(f => f.RuleId))
            output.WriteLine($"{rule.Key}: {rule.Count()} (style rules, not parse errors)");
    }

    [Fact]
    public void Corpus_queries_are_really_checked()
    {
        Assert.SkipUnless(Directory.Exists(Folder), $"the shared corpus is absent: no folder {Folder}");
        var file = Directory.GetFiles(Folder, "*.json").Order().First();
        // Break every PromQL expression of one dashboard: the same check must now report them.
        var broken = File.ReadAllText(file).Replace("\"expr\": \"sum", "\"expr\": \"sum((", StringComparison.Ordinal);

        var findings = DashboardChecks.Check([(file, broken)], datasources: null, SharedGrammar.Value, requireStackDashboards: false);

        findings.Should().Contain(f => f.RuleId == RuleIds.QuerySyntax);
    }
}
