using StackTests.Lint.Queries;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;
using StackTests.Models.Metrics;
using StackTests.Models.Queries;

namespace StackTests.Lint.Metrics;

/// <summary>
/// metric-unproduced: a metric a dashboard panel or a Prometheus rule reads that no component of
/// the stack produces (StackMetrics), so the panel stays empty or the alert never fires. An error,
/// at the query, in a stack whose scrape targets are all known. Outside a stack, where targets are
/// discovered at run time, or for names only a push makes (the Pushgateway): one warning per file.
/// </summary>
public static class MetricChecks
{
    private const int NamesShown = 8;

    public static IReadOnlyList<Finding> Check(IReadOnlyList<MetricRead> reads, StackMetrics stack)
    {
        var findings = new List<Finding>();
        var errors = stack.IsStack && !stack.DiscoversTargets;
        // A Grafana variable in the name ($metric becomes var_metric) leaves the name unknown here.
        var verdicts = reads.SelectMany(r => r.Metrics.Where(m => !m.Contains("var_", StringComparison.Ordinal))
            .Select(m => (Read: r, Metric: m, Verdict: stack.Classify(m)))).ToList();

        foreach (var (read, metric, (origin, producer)) in verdicts.Where(v => errors && v.Verdict.Origin is MetricOrigin.Unknown or MetricOrigin.Unscraped))
            findings.Add(new Finding(read.Path, read.Line, read.Column, Severity.Error, RuleIds.MetricUnproduced, $"{read.Where} reads metric '{metric}': " +
                (origin == MetricOrigin.Unknown
                    ? $"no component of the stack produces it (scraped: {string.Join(", ", stack.Scraped)})"
                    : $"it comes from {producer!.Component}, which no scrape job of prometheus.yml targets") + "; it finds no series"));

        foreach (var file in verdicts.GroupBy(v => v.Read.Path))
        {
            if (!errors)
                Warn(file.Where(v => v.Verdict.Origin is MetricOrigin.Unknown or MetricOrigin.Unscraped).ToList(), stack.IsStack
                    ? "no component of the stack produces them, unless a target discovered at run time does"
                    : "none of the stack's components produces them (a file on its own: only a stack's scrape jobs say what is there)");
            if (stack.IsStack)
                Warn(file.Where(v => v.Verdict.Origin == MetricOrigin.Pushed).ToList(),
                    "series that exist only while a client pushes them to the Pushgateway (the canary's --push-metrics, the alert probe, a batch job); until then it finds none");
        }
        return findings;

        void Warn(List<(MetricRead Read, string Metric, (MetricOrigin, MetricProducer?) Verdict)> found, string why)
        {
            if (found.Count == 0) return;
            var names = found.Select(v => v.Metric).Distinct().ToList();
            var shown = string.Join(", ", names.Take(NamesShown).Select(m => $"'{m}'")) + (names.Count > NamesShown ? $" and {names.Count - NamesShown} more" : "");
            var first = found[0].Read;
            findings.Add(new Finding(first.Path, first.Line, first.Column, Severity.Warning, RuleIds.MetricUnproduced,
                $"{first.Where}{(found.Select(v => v.Read).Distinct().Count() > 1 ? " and others" : "")} read {shown}: {why}"));
        }
    }

    /// <summary>The metrics each rule of Prometheus rule files reads (alerting and recording rules' expr).</summary>
    public static IReadOnlyList<MetricRead> RuleReads(IEnumerable<(string Path, string Text)> ruleFiles, QueryGrammar grammar)
    {
        var rules = new List<(string Path, YamlScalarNode Expr, string Where)>();
        foreach (var (path, text) in ruleFiles)
        {
            YamlMappingNode root;
            try { root = YamlDoc.Parse(text); }
            catch (YamlSyntaxException) { continue; } // prometheus-rules reports it
            foreach (var rule in root.Seq("groups").OfType<YamlMappingNode>().SelectMany(g => g.Seq("rules").OfType<YamlMappingNode>()))
                if (rule.Get("expr") is YamlScalarNode { Value.Length: > 0 } expr)
                    rules.Add((path, expr, rule.Str("alert") is { } alert ? $"alerting rule '{alert}'" : $"recording rule '{rule.Str("record")}'"));
        }
        var parsed = grammar.Parse(rules.Select(r => (QueryLanguage.PromQL, r.Expr.Value!)).ToList());
        return rules.Select((r, i) => new MetricRead(r.Path, r.Expr.Line(), r.Expr.Column(), r.Where, parsed[i].Ok ? parsed[i].Metrics : []))
            .Where(r => r.Metrics.Count > 0).ToList();
    }
}
