using StackTests.Lint.Alloy;
using StackTests.Lint.Compose;
using StackTests.Lint.Dashboards;
using StackTests.Lint.Grafana;
using StackTests.Lint.Iot;
using StackTests.Lint.Metrics;
using StackTests.Lint.Mounts;
using StackTests.Lint.Pipeline;
using StackTests.Lint.Prometheus;
using StackTests.Lint.Queries;
using StackTests.Models.Dashboards;
using StackTests.Models.Documents;
using StackTests.Models.Grafana;
using StackTests.Models.Queries;

namespace StackTests.Lint;

/// <summary>
/// The one entry point of the config checks, shared by <c>run-tests.sh lint</c> and the config
/// tier tests. A folder gets every check plus the cross-file ones against its compose.yaml;
/// a single file gets the checks that need only that file.
/// </summary>
public sealed class StackLinter
{
    private static readonly string[] ComposeNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];
    private readonly Lazy<QueryGrammar> _grammar;

    public StackLinter(QueryGrammar? grammar = null) =>
        _grammar = new Lazy<QueryGrammar>(() => grammar ?? QueryGrammar.Locate());

    /// <summary>Lints a folder or a file. Findings are sorted by path and line.</summary>
    public IReadOnlyList<Finding> Lint(string path)
    {
        var findings = Directory.Exists(path) ? LintFolder(path)
            : File.Exists(path) ? LintFile(path)
            : [new Finding(path, 0, 0, Severity.Error, RuleIds.Unreadable, "no such file or folder")];
        return findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ToList();
    }

    private List<Finding> LintFile(string path)
    {
        if (!TryRead(path, out var text, out var unreadable)) return [unreadable];
        var kind = FileKinds.Detect(path, text);
        if (kind == FileKind.Unknown)
        {
            var syntax = SyntaxFindings(path, text);
            return syntax.Count > 0 ? syntax
                : [new Finding(path, 0, 0, Severity.Error, RuleIds.UnknownKind, $"cannot tell what kind of file this is; the linter knows: {FileKinds.Known}")];
        }
        var files = new List<StackFile> { new(path, text, kind) };
        return Check(files, stack: null, isStack: false);
    }

    private List<Finding> LintFolder(string folder)
    {
        var files = new List<StackFile>();
        var findings = new List<Finding>();
        foreach (var full in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, full);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') || part == "node_modules")) continue;
            var display = DisplayPath.Like(folder, full);
            if (!TryRead(display, out var text, out var unreadable)) { findings.Add(unreadable); continue; }
            var kind = FileKinds.Detect(display, text);
            if (kind == FileKind.Unknown) findings.AddRange(SyntaxFindings(display, text));
            else files.Add(new StackFile(display, text, kind));
        }

        var composeFile = files.Where(f => f.Kind == FileKind.Compose)
            .OrderBy(f => Array.IndexOf(ComposeNames, Path.GetFileName(f.Path)) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(f => f.Path.Length).FirstOrDefault();
        ComposeStack? stack = null;
        if (composeFile is not null)
        {
            var (composeFindings, parsed) = ComposeChecks.Check(composeFile.Path, composeFile.Text);
            findings.AddRange(composeFindings);
            stack = parsed;
        }
        findings.AddRange(Check(files.Where(f => f != composeFile).ToList(), stack, isStack: composeFile is not null));
        return findings;
    }

    /// <summary>
    /// Runs the checks of every file; with a stack, the cross-file ones too. The checks are
    /// independent, so they run in parallel: promtool, amtool and node processes overlap.
    /// </summary>
    private List<Finding> Check(List<StackFile> files, ComposeStack? stack, bool isStack)
    {
        IEnumerable<StackFile> Of(FileKind kind) => files.Where(f => f.Kind == kind);
        // Ports a service listens on by its own config count for connections inside the network.
        if (stack is not null)
        {
            foreach (var file in Of(FileKind.TempoConfig)) TempoChecks.DeclarePorts(file.Text, stack);
            foreach (var file in Of(FileKind.MosquittoConfig)) MosquittoChecks.DeclarePorts(file.Text, stack);
        }

        // Each finding remembers whether the check of its own file made it (Own) or another
        // file's check did (promtool check config also reports the rule files it loads).
        var checks = new List<Func<IEnumerable<(Finding Finding, bool Own)>>>();
        void Each(FileKind kind, Func<StackFile, IReadOnlyList<Finding>> check) =>
            checks.AddRange(Of(kind).Select(file =>
                (Func<IEnumerable<(Finding, bool)>>)(() => check(file).Select(f => (f, f.Path == file.Path)))));
        void All(Func<IReadOnlyList<Finding>> check) => checks.Add(() => check().Select(f => (f, true)));

        Each(FileKind.Compose, file => ComposeChecks.Check(file.Path, file.Text).Findings);
        Each(FileKind.PrometheusConfig, file => PrometheusChecks.CheckConfig(file.Path, file.Text, stack));
        Each(FileKind.PrometheusRules, file => PrometheusChecks.CheckRules(file.Path));
        Each(FileKind.PrometheusRuleTests, file => PrometheusChecks.TestRules(file.Path));
        Each(FileKind.AlertmanagerConfig, file => PrometheusChecks.CheckAlertmanager(file.Path));
        if (stack is not null) Each(FileKind.AlertmanagerConfig, file => AlertmanagerWiringChecks.Check(file.Path, file.Text, stack));

        var datasourceFiles = Of(FileKind.DatasourceProvisioning).Select(f => (f.Path, f.Text)).ToList();
        All(() => DatasourceChecks.Check(datasourceFiles, stack));
        Each(FileKind.DashboardProvisioning, file => DashboardProviderChecks.Check(file.Path, file.Text, stack));
        var dashboards = Of(FileKind.Dashboard).Select(f => (f.Path, f.Text)).ToList();
        if (dashboards.Count > 0 || isStack)
        {
            var metrics = stack is null ? StackMetrics.Anywhere() : StackMetrics.ForStack(stack, files.Select(f => (f.Path, f.Text, f.Kind)).ToList());
            var rules = Of(FileKind.PrometheusRules).Select(f => (f.Path, f.Text)).ToList();
            All(() => CheckDashboards(dashboards, datasourceFiles, isStack, metrics, rules));
        }

        Each(FileKind.CollectorConfig, file => CollectorChecks.Check(file.Path, file.Text, stack));
        Each(FileKind.TempoConfig, file => TempoChecks.Check(file.Path, file.Text, stack));
        Each(FileKind.LokiConfig, file => LokiChecks.Check(file.Path, file.Text, stack));
        Each(FileKind.MosquittoConfig, file => MosquittoChecks.Check(file.Path, file.Text, stack));
        Each(FileKind.MqttExporterConfig, file => MqttExporterChecks.Check(file.Path, file.Text, stack));
        Each(FileKind.Alloy, file => AlloyFindings(file, stack));
        if (stack is not null)
        {
            var configs = files.Select(f => (f.Path, f.Text, f.Kind)).ToList();
            All(() => TenantChecks.Check(stack, configs));
            All(() => StructuredMetadataClients.Check(configs));
        }
        if (stack is not null) All(() => MountChecks.Check(files.Select(f => (f.Path, f.Text, f.Kind)), stack));

        // The same problem at the same place, reported by several tools, is shown once: by the check of that file.
        return checks.AsParallel().AsOrdered().SelectMany(check => check())
            .GroupBy(x => (x.Finding.Path, x.Finding.Line, x.Finding.Column, x.Finding.Message))
            .Select(g => g.OrderByDescending(x => x.Own).First().Finding)
            .Select(f => isStack ? f : StackConventions.OutsideAStack(f))
            .ToList();
    }

    /// <summary>The dashboards' checks, then metric-unproduced over their PromQL targets and the stack's rules.</summary>
    private IReadOnlyList<Finding> CheckDashboards(List<(string Path, string Text)> dashboards, List<(string Path, string Text)> datasourceFiles,
        bool isStack, StackMetrics metrics, List<(string Path, string Text)> rules)
    {
        IReadOnlyList<GrafanaDatasource>? datasources = datasourceFiles.Count == 0 ? null
            : datasourceFiles.SelectMany(f => DatasourceChecks.Read(f.Path, f.Text).Datasources).ToList();
        try
        {
            var reads = new List<MetricRead>();
            var findings = DashboardChecks.Check(dashboards, datasources, _grammar.Value, requireStackDashboards: isStack, reads);
            if (isStack) reads.AddRange(MetricChecks.RuleReads(rules, _grammar.Value));
            return [.. findings, .. MetricChecks.Check(reads, metrics)];
        }
        catch (QueryGrammarUnavailableException e)
        {
            return [new Finding(dashboards.FirstOrDefault().Path ?? "tools/grammars", 0, 0, Severity.Error, RuleIds.ToolMissing,
                $"dashboard queries were not checked: {e.Message}")];
        }
    }

    private static IReadOnlyList<Finding> AlloyFindings(StackFile file, ComposeStack? stack) =>
        stack is null
            ? AlloyChecks.CheckFile(file.Path, file.Text)
            : AlloyChecks.CheckStack(file.Path, file.Text, stack.File, stack.ListeningPorts);

    /// <summary>The syntax error of a JSON or YAML file of unknown kind, if it has one.</summary>
    private static List<Finding> SyntaxFindings(string path, string text)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            if (extension == ".json") JsonReader.Parse(text);
            else if (extension is ".yml" or ".yaml") YamlDoc.Parse(text);
        }
        catch (JsonSyntaxException e) { return [new Finding(path, e.Line, e.Column, Severity.Error, RuleIds.JsonSyntax, e.Message)]; }
        catch (YamlSyntaxException e) { return [new Finding(path, e.Line, e.Column, Severity.Error, RuleIds.YamlSyntax, e.Message)]; }
        return [];
    }

    private static bool TryRead(string path, out string text, out Finding unreadable)
    {
        try
        {
            text = File.ReadAllText(path);
            unreadable = null!;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            text = "";
            unreadable = new Finding(path, 0, 0, Severity.Error, RuleIds.Unreadable, $"cannot read: {e.Message}");
            return false;
        }
    }

    private sealed record StackFile(string Path, string Text, FileKind Kind);
}
