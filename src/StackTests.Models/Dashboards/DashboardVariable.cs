using System.Text.RegularExpressions;
using StackTests.Models.Documents;

namespace StackTests.Models.Dashboards;

/// <summary>A template variable of a dashboard and its current value(s); "$__all" stands for "All".</summary>
public sealed record DashboardVariable(JsonObject Json)
{
    private const string All = "$__all";

    public string Name => Json.String("name") ?? "";

    /// <summary>query, custom, constant, textbox, interval, datasource, adhoc...</summary>
    public string Type => Json.String("type") ?? "";

    /// <summary>The query as text; for a datasource variable, the plugin type it lists (e.g. "prometheus").</summary>
    public string? Query => Json.String("query");

    public string? AllValue => Json.String("allValue");

    /// <summary>The selected value(s); a constant or text box without a saved current value has its query.</summary>
    public IReadOnlyList<string> Current => (Json["current"] as JsonObject)?["value"] switch
    {
        JsonArray many => many.Items.Select(Text).ToList(),
        JsonNode one => [Text(one)],
        null => Query is { Length: > 0 } query && Type is "constant" or "textbox" ? [query] : [],
    };

    /// <summary>The values the variable offers, "All" left out.</summary>
    public IReadOnlyList<string> Options => Json.Objects("options").Select(o => o["value"] is { } v ? Text(v) : "").Where(v => v != All).ToList();

    /// <summary>
    /// The text Grafana puts in a Prometheus or Loki query for the variable: one value as it is;
    /// several as a regex alternation; All as allValue, else every option.
    /// </summary>
    public string FormattedValue()
    {
        var values = Current.Contains(All)
            ? AllValue is { } all ? [all] : Options.Count > 0 ? Options : [".*"]
            : Current;
        return values.Count == 1 ? values[0] : $"({string.Join("|", values.Select(v => Regex.Escape(v)))})";
    }

    /// <summary>
    /// The text Grafana puts for the variable outside a quoted string of a query, or null when it
    /// depends on what only a running Grafana knows (All over options fetched at load, an auto
    /// interval, a value holding another variable). As Grafana's template service
    /// (public/app/features/templating/template_srv.ts, and grafana/scenes' variables for scene
    /// dashboards): custom, query, constant, textbox, interval and datasource variables give their
    /// current value (several: a regex alternation); an ad hoc variable its filters rendered as
    /// label matchers <c>key="value",...</c> (grafana/scenes packages/scenes/src/variables/utils.ts,
    /// renderPrometheusLabelFilters).
    /// </summary>
    public string? SubstitutionValue()
    {
        if (Type == "adhoc")
            return !Json.Objects("filters").Any() ? null : string.Join(",", Json.Objects("filters").Select(f =>
                $"{f.String("key")}{f.String("operator") ?? "="}\"{(f.String("value") ?? "").Replace("\\", "\\\\").Replace("\"", "\\\"")}\""));
        if (Type is not ("custom" or "query" or "constant" or "textbox" or "interval" or "datasource")) return null;
        if (Current.Count == 0) return null;
        if (Current.Contains(All) && AllValue is null && Options.Count == 0) return null;
        var value = FormattedValue();
        return value.Contains('$') || value.Length == 0 ? null : value;
    }

    private static string Text(JsonNode node) => node switch
    {
        JsonString s => s.Value,
        JsonLiteral literal => literal.Text,
        _ => "",
    };
}
