using System.Text.Json;
using System.Text.RegularExpressions;
using StackTests.Lint;

namespace StackTests.Tests.Lint;

/// <summary>The lint command line: output format, JSON, exit codes.</summary>
[Trait("Tier", "integration")]
public sealed class LintCommandTests
{
    private static (int Code, string Out, string Err) Lint(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = LintCommand.Run(args, stdout, stderr, TestPaths.Compose);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Clean_stack_exits_0()
    {
        var (code, output, _) = Lint(TestPaths.Compose);

        code.Should().Be(LintCommand.Clean, output);
    }

    [Fact]
    public void A_defect_exits_1_with_one_line_per_finding()
    {
        using var stack = TestPaths.CopyOfCompose();
        var compose = stack.PathOf("compose.yaml");
        File.WriteAllText(compose, File.ReadAllText(compose).Replace("\"127.0.0.1:9090:9090\"", "\"9090:9090\"", StringComparison.Ordinal));

        var (code, output, _) = Lint(stack.Folder);

        code.Should().Be(LintCommand.Failed);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().OnlyContain(l => Regex.IsMatch(l, @"^.+:\d+:\d+: (error|warning): [a-z-]+: .+$"));
        lines.Should().Contain(l => l.StartsWith(compose + ":", StringComparison.Ordinal) && l.Contains(": error: compose-port-loopback: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_format_gives_the_same_findings()
    {
        using var stack = TestPaths.CopyOfCompose();
        var compose = stack.PathOf("compose.yaml");
        File.WriteAllText(compose, File.ReadAllText(compose).Replace("grafana/loki:3.7.6", "grafana/loki:latest", StringComparison.Ordinal));

        var (code, output, _) = Lint(stack.Folder, "--format", "json");

        code.Should().Be(LintCommand.Failed);
        var findings = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        findings.Should().ContainSingle(f => f.GetProperty("rule").GetString() == RuleIds.ComposeImageTag);
        var finding = findings.Single(f => f.GetProperty("rule").GetString() == RuleIds.ComposeImageTag);
        finding.GetProperty("path").GetString().Should().Be(compose);
        finding.GetProperty("severity").GetString().Should().Be("error");
        finding.GetProperty("line").GetInt32().Should().BePositive();
    }

    [Fact]
    public void Findings_of_real_world_dashboards_are_one_line_each()
    {
        var corpus = Path.Combine(TestPaths.Corpus, "dashboards");
        Assert.SkipUnless(Directory.Exists(corpus), $"the shared corpus is absent: no folder {corpus}");

        var (_, output, _) = Lint(corpus);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotBeEmpty("the corpus has untitled panels and counters read without rate()");
        lines.Should().OnlyContain(l => Regex.IsMatch(l, @"^/.+\.json:\d+:\d+: (error|warning): [a-z-]+: .+$"));
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("--format", "xml")]
    [InlineData("/no/such/folder")]
    public void Usage_problems_exit_2(params string[] args)
    {
        var (code, _, error) = Lint(args);

        code.Should().Be(LintCommand.Usage);
        error.Should().Contain("lint: ");
    }

    [Fact]
    public void A_file_of_unknown_kind_is_an_error_saying_so()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("stacktests-lint-").FullName, "notes.yaml");
        File.WriteAllText(file, "shopping: [milk, bread]\n");

        var (code, output, _) = Lint(file);

        code.Should().Be(LintCommand.Failed);
        output.Should().Contain($"{file}:0:0: error: unknown-kind: cannot tell what kind of file this is");
    }

    [Fact]
    public void A_single_file_gets_the_checks_that_need_only_it()
    {
        var dashboard = Path.Combine(TestPaths.Compose, "grafana", "dashboards", "application-performance.json");

        var (code, output, _) = Lint(dashboard);

        code.Should().Be(LintCommand.Clean, output);
    }

    [Fact]
    public void A_broken_single_dashboard_names_file_and_line()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("stacktests-lint-").FullName, "dash.json");
        File.WriteAllText(file, "{\n  \"uid\": \"x\",\n  \"title\": \"X\",\n  \"panels\": [\n    {\"type\": \"timeseries\", \"title\": \"T\",\n     \"datasource\": {\"type\": \"prometheus\", \"uid\": \"prometheus\"},\n     \"targets\": [{\"refId\": \"A\", \"expr\": \"rate(up[5m]\"}]}\n  ]\n}\n");

        var (code, output, _) = Lint(file);

        code.Should().Be(LintCommand.Failed);
        output.Should().Contain($"{file}:7:").And.Contain("error: query-syntax: panel 'T' target A: PromQL syntax error");
    }
}
