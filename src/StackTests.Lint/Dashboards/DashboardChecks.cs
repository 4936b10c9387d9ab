using StackTests.Lint.Grafana;
using StackTests.Lint.Metrics;
using StackTests.Lint.Queries;
using StackTests.Models.Dashboards;
using StackTests.Models.Documents;
using StackTests.Models.Grafana;
using StackTests.Models.Queries;

namespace StackTests.Lint.Dashboards;

/// <summary>
/// Grafana dashboards: valid JSON, unique UIDs, the stack's four dashboards, and per panel
/// the rules of grafana/dashboard-linter that apply here (title, targets, datasource by
/// UID that exists, queries that parse, $__rate_interval in PromQL and never in LogQL, counters
/// under rate/increase).
/// All queries of all dashboards are parsed in one batch.
/// </summary>
public static class DashboardChecks
{
    /// <summary>The dashboards the stack ships, by UID.</summary>
    public static readonly IReadOnlyDictionary<string, string> RequiredDashboards = new Dictionary<string, string>
    {
        ["observability-stack-health"] = "Observability Stack Health",
        ["application-performance"] = "Application Performance",
        ["infrastructure-overview"] = "Infrastructure Overview",
        ["iot-devices-mqtt"] = "IoT Devices & MQTT",
    };

    private static readonly HashSet<string> RateFunctions = ["rate", "irate"];

    private sealed record PendingQuery(string Path, JsonString Node, string Where, QueryLanguage Language, SubstitutedQuery Query);

    /// <param name="datasources">The provisioned datasources; null when unknown (a dashboard checked on its own).</param>
    /// <param name="requireStackDashboards">Whether the four dashboards of the stack must be among these files.</param>
    /// <param name="metricReads">Where to collect the metric names each PromQL target reads, for metric-unproduced.</param>
    public static IReadOnlyList<Finding> Check(
        IReadOnlyList<(string Path, string Text)> files,
        IReadOnlyList<GrafanaDatasource>? datasources,
        QueryGrammar grammar,
        bool requireStackDashboards,
        List<MetricRead>? metricReads = null)
    {
        var findings = new List<Finding>();
        var queries = new List<PendingQuery>();
        var dashboards = new List<Dashboard>();
        foreach (var (path, text) in files)
        {
            try { dashboards.Add(Dashboard.Parse(path, text)); }
            catch (JsonSyntaxException e) { findings.Add(new Finding(path, e.Line, e.Column, Severity.Error, RuleIds.JsonSyntax, e.Message)); }
        }
        foreach (var dashboard in dashboards) CheckDashboard(dashboard, datasources, findings, queries);
        CheckUids(dashboards, findings);
        if (requireStackDashboards && files.Count > 0) CheckRequired(dashboards, files[0].Path, findings);
        CheckQueries(queries, grammar, findings, metricReads);
        return findings;
    }

    private static void CheckDashboard(Dashboard dashboard, IReadOnlyList<GrafanaDatasource>? datasources, List<Finding> findings, List<PendingQuery> queries)
    {
        var path = dashboard.Path;
        void Error(JsonNode at, string rule, string message) => findings.Add(new Finding(path, at.Line, at.Column, Severity.Error, rule, message));

        if (string.IsNullOrEmpty(dashboard.Uid))
            Error(dashboard.Root, RuleIds.DashboardUid, $"dashboard '{dashboard.Title}' has no uid; give it a fixed one so links to it stay valid");
        foreach (var panel in dashboard.Panels)
        {
            var where = panel.Where;
            if (panel.Title.Trim().Length == 0)
                Error(panel.Json, RuleIds.PanelTitle, $"{where} ({panel.Type}) has no title");
            if (!panel.HasQueries) continue;

            CheckReference(panel.Datasource, dashboard, datasources, where, Error);
            var targets = panel.Targets;
            if (targets.Count == 0)
            {
                Error(panel.Json, RuleIds.PanelNoTargets, $"{where} has no targets (queries)");
                continue;
            }
            foreach (var target in targets)
            {
                var targetWhere = $"{where} target {target.RefId}";
                CheckReference(target.Datasource, dashboard, datasources, targetWhere, Error);
                var resolved = ResolvedDatasource.ForTarget(panel, target, dashboard, datasources);
                if (resolved?.Type is null) continue; // no default datasource known: the language is unknown
                var (language, queryNode) = QueryOf(resolved.Type, target.Json);
                if (language is null || queryNode is null) continue;
                if (queryNode.Value.Trim().Length == 0)
                {
                    if (!target.Hide) Error(queryNode, RuleIds.PanelNoTargets, $"{targetWhere} has an empty query");
                    continue;
                }
                queries.Add(new PendingQuery(path, queryNode, targetWhere, language.Value,
                    TemplateSubstitution.Apply(queryNode.Value, dashboard.DurationVariables, name => dashboard.Variable(name)?.SubstitutionValue())));
            }
        }
    }

    private static void CheckReference(DatasourceRef? reference, Dashboard dashboard, IReadOnlyList<GrafanaDatasource>? datasources, string where, Action<JsonNode, string, string> error)
    {
        if (reference is null) return;
        if (ResolvedDatasource.Of(reference, dashboard, datasources).Problem is { } problem)
            error(reference.Node, RuleIds.PanelDatasource, $"{where}: {problem}");
        else if (reference.IsByName)
            error(reference.Node, RuleIds.PanelDatasourceUid, $"{where} names its datasource '{reference.Name}' by name; refer to it by uid ({{\"type\": ..., \"uid\": ...}})");
    }

    /// <summary>The query text of a target and its language, from the datasource type.</summary>
    private static (QueryLanguage?, JsonString?) QueryOf(string? datasourceType, JsonObject target) => datasourceType switch
    {
        "prometheus" => (QueryLanguage.PromQL, target["expr"] as JsonString),
        "loki" => (QueryLanguage.LogQL, target["expr"] as JsonString),
        // Tempo's search builder and service map keep no TraceQL text of their own.
        "tempo" when target.String("queryType") is null or "traceql" => (QueryLanguage.TraceQL, target["query"] as JsonString),
        _ => (null, null),
    };

    private static void CheckUids(List<Dashboard> dashboards, List<Finding> findings)
    {
        foreach (var group in dashboards.Where(d => !string.IsNullOrEmpty(d.Uid)).GroupBy(d => d.Uid).Where(g => g.Count() > 1))
            foreach (var d in group.Skip(1))
                findings.Add(new Finding(d.Path, d.Root.Line, d.Root.Column, Severity.Error, RuleIds.DashboardUid,
                    $"dashboard uid '{d.Uid}' is also used by {group.First().Path}"));
    }

    private static void CheckRequired(List<Dashboard> dashboards, string firstPath, List<Finding> findings)
    {
        foreach (var (uid, title) in RequiredDashboards)
        {
            var byUid = dashboards.FirstOrDefault(d => d.Uid == uid);
            var byTitle = dashboards.FirstOrDefault(d => d.Title == title);
            if (byUid is not null && byUid.Title != title)
                findings.Add(new Finding(byUid.Path, byUid.Root.Line, 0, Severity.Error, RuleIds.DashboardRequired,
                    $"dashboard uid '{uid}' must have the title '{title}', not '{byUid.Title}'"));
            else if (byUid is null && byTitle is not null)
                findings.Add(new Finding(byTitle.Path, byTitle.Root.Line, 0, Severity.Error, RuleIds.DashboardRequired,
                    $"dashboard '{title}' must have the uid '{uid}', not '{byTitle.Uid}'"));
            else if (byUid is null)
                findings.Add(new Finding(Path.GetDirectoryName(firstPath) ?? firstPath, 0, 0, Severity.Error, RuleIds.DashboardRequired,
                    $"the dashboard '{title}' (uid '{uid}') is missing"));
        }
    }

    private static void CheckQueries(List<PendingQuery> queries, QueryGrammar grammar, List<Finding> findings, List<MetricRead>? metricReads)
    {
        var results = grammar.Parse(queries.Select(q => (q.Language, q.Query.Text)).ToList());
        for (var i = 0; i < queries.Count; i++)
        {
            var (path, node, where, language, query) = queries[i];
            var result = results[i];
            void Error(string rule, string message) => findings.Add(new Finding(path, node.Line, node.Column, Severity.Error, rule, message));
            if (language == QueryLanguage.LogQL)
                foreach (var variable in query.Variables.Where(v => BackendVariables.PrometheusOnly.Contains(v.Name)))
                    Error(RuleIds.QueryLogqlRateInterval,
                        $"{where}: ${variable.Name} at character {variable.Index + 1} is not replaced by Grafana's Loki datasource, so Loki gets it verbatim " +
                        $"and answers a parse error; use $__auto (or $__interval / $__range): {OneLine(query.Original)}");
            if (!result.Ok)
            {
                var offset = query.OriginalOffset(result.ErrorOffset);
                var near = query.Original[offset..Math.Min(query.Original.Length, offset + 20)];
                // A rule past the grammar says why; lezer's own "No parse at N" says nothing more than the position.
                var why = result.Message is { } message && !message.StartsWith("No parse", StringComparison.Ordinal)
                    ? $" ({System.Text.RegularExpressions.Regex.Replace(message, @" \(at \d+\)$", "")})" : "";
                Error(RuleIds.QuerySyntax,
                    $"{where}: {language} syntax error at character {offset + 1} (near '{OneLine(near)}'){why} of: {OneLine(query.Original)}");
                continue;
            }
            if (language is QueryLanguage.PromQL or QueryLanguage.LogQL && QueryRegexes.FirstRejected(query.Text) is { } regex)
                Error(RuleIds.RegexRe2,
                    $"{where}: the regular expression \"{OneLine(regex.Pattern)}\" at character {query.OriginalOffset(regex.Offset) + 1}: {regex.Message}; " +
                    $"{language} compiles it with Go's RE2 and answers the query with an error: {OneLine(query.Original)}");
            if (language == QueryLanguage.PromQL) metricReads?.Add(new MetricRead(path, node.Line, node.Column, where, result.Metrics));
            foreach (var range in result.Ranges)
            {
                var written = query.Original[OriginalRange(query, range)];
                if (range.Function is not null && RateFunctions.Contains(range.Function) && range.Range != TemplateSubstitution.RateInterval)
                    Error(RuleIds.QueryRateInterval,
                        $"{where}: {range.Function}() over '{written}'; use [$__rate_interval] so the range follows the scrape interval and zoom: {OneLine(query.Original)}");
                // increase() over a fixed window ("per day") can be meant, so it is only a warning.
                else if (range.Function == "increase" && range.Range is not (TemplateSubstitution.RateInterval or TemplateSubstitution.OtherInterval))
                    findings.Add(new Finding(path, node.Line, node.Column, Severity.Warning, RuleIds.QueryRateInterval,
                        $"{where}: increase() over the fixed range '{written}' shows the same window at every zoom; use $__rate_interval or $__range unless that is meant: {OneLine(query.Original)}"));
            }
            foreach (var counter in result.Counters.Where(c => !c.ReadAsCounter))
                Error(RuleIds.QueryCounterAgg,
                    $"{where}: counter '{counter.Metric}' is used without rate(), irate() or increase(); its raw value only grows: {OneLine(query.Original)}");
        }
    }

    /// <summary>A query on one line, so each finding stays one line of output.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));

    /// <summary>The original text of a range selector's duration, for messages.</summary>
    private static Range OriginalRange(SubstitutedQuery query, RangeSelector range)
    {
        var start = query.OriginalOffset(query.Text.IndexOf("[" + range.Range, range.Offset, StringComparison.Ordinal) + 1);
        var end = query.Original.IndexOf(']', start);
        return end < 0 ? start..start : start..end;
    }
}
