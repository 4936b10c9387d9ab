using System.Text.Json;
using System.Text.RegularExpressions;
using StackTests.Models.Grafana;
using StackTests.Models.Queries;

namespace StackTests.Harness.Clients;

/// <summary>
/// A Loki datasource's derived field: a regex over the log line whose first group links to a
/// datasource (Grafana public/app/plugins/datasource/loki/getDerivedFields.ts). Grafana runs it in
/// the browser as a JavaScript RegExp; .NET's syntax agrees for what a JavaScript RegExp accepts,
/// and the config tier rejects what JavaScript would not compile.
/// </summary>
public sealed record DerivedField(string Name, string MatcherType, string MatcherRegex, string? DatasourceUid, string? UrlDisplayLabel = null)
{
    /// <summary>The derived fields of a Loki datasource's jsonData.derivedFields.</summary>
    public static IReadOnlyList<DerivedField> Of(GrafanaDatasource loki) =>
        loki.JsonData.ValueKind == JsonValueKind.Object && loki.JsonData.TryGetProperty("derivedFields", out var fields)
            ? fields.EnumerateArray().Select(f => new DerivedField(
                Text(f, "name") ?? "",
                Text(f, "matcherType") ?? "regex",
                Text(f, "matcherRegex") ?? "",
                Text(f, "datasourceUid"),
                Text(f, "urlDisplayLabel"))).ToList()
            : [];

    /// <summary>
    /// The title of the link Grafana shows for this field: urlDisplayLabel, or the linked datasource's
    /// name (loki getDerivedFields.ts; @grafana/data utils/dataLinks.ts mapInternalLinkToExplore).
    /// </summary>
    public string LinkTitle(string linkedDatasourceName) => UrlDisplayLabel is { Length: > 0 } label ? label : linkedDatasourceName;

    /// <summary>The value Grafana derives from a line (the regex's first group), or null when it does not match.</summary>
    public string? ValueIn(string line)
    {
        if (MatcherType != "regex") return null;
        var match = Regex.Match(line, MatcherRegex, RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success && match.Groups.Count > 1 && match.Groups[1].Success ? match.Groups[1].Value : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// A Tempo datasource's "trace to logs" link (jsonData.tracesToLogsV2) and the LogQL query Grafana
/// 12 builds from it for a span (public/app/features/explore/TraceView/createSpanLink.tsx,
/// getFormattedTags and getQueryForLoki): the span's tags mapped to stream labels, then a filter
/// on the trace id in the line or a trace_id label.
/// </summary>
public sealed record TracesToLogs(
    string DatasourceUid, IReadOnlyList<(string Key, string Label)> Tags, bool FilterByTraceId, bool FilterBySpanId, string? CustomQuery)
{
    public static TracesToLogs? Of(GrafanaDatasource tempo)
    {
        if (tempo.JsonData.ValueKind != JsonValueKind.Object || !tempo.JsonData.TryGetProperty("tracesToLogsV2", out var options))
            return null;
        var tags = options.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
                .Select(t => (Key: Text(t, "key") ?? "", Label: Text(t, "value") is { Length: > 0 } label ? label : Text(t, "key") ?? ""))
                .Where(t => t.Key.Length > 0).ToList()
            : [];
        var custom = options.TryGetProperty("customQuery", out var c) && c.ValueKind == JsonValueKind.True ? Text(options, "query") : null;
        return new TracesToLogs(Text(options, "datasourceUid") ?? "", tags, Flag(options, "filterByTraceID"), Flag(options, "filterBySpanID"), custom);
    }

    /// <summary>The LogQL query for a span with these attributes (resource and span attributes together), or null when no tag applies.</summary>
    public string? LokiQueryFor(TraceId traceId, string spanId, IReadOnlyDictionary<string, string> spanAttributes)
    {
        if (CustomQuery is not null) return CustomQueryFor(traceId, spanId);
        var selector = string.Join(", ", Tags
            .Where(t => spanAttributes.ContainsKey(t.Key))
            .Select(t => $"{t.Label}=\"{spanAttributes[t.Key]}\""));
        if (selector.Length == 0) return null;
        var query = $"{{{selector}}}";
        if (FilterByTraceId)
            query += $" | label_format log_line_contains_trace_id=`{{{{ contains \"{traceId.Hex}\" __line__  }}}}`" +
                     $" | log_line_contains_trace_id=\"true\" or trace_id=\"{traceId.Hex}\"";
        if (FilterBySpanId)
            query += $" | label_format log_line_contains_span_id=`{{{{ contains \"{spanId}\" __line__  }}}}`" +
                     $" | log_line_contains_span_id=\"true\" or span_id=\"{spanId}\"";
        return query;
    }

    /// <summary>
    /// The custom query with the span's variables replaced as Grafana's template service replaces them
    /// (the forms of TemplateSubstitution); a query with a variable the span does not define gets no
    /// link, as in createSpanLink.tsx (getVariableUsageInfo(...).allVariablesDefined).
    /// </summary>
    private string? CustomQueryFor(TraceId traceId, string spanId)
    {
        var undefined = false;
        var query = TemplateSubstitution.Replace(CustomQuery!, use =>
        {
            var value = use.FullName switch
            {
                "__span.traceId" or "__trace.traceId" => traceId.Hex,
                "__span.spanId" => spanId,
                _ => null,
            };
            undefined |= value is null;
            return value;
        });
        return undefined ? null : query.Text;
    }

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
