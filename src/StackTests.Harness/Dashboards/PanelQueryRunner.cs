using System.Text.Json.Nodes;
using StackTests.Harness.Clients;

namespace StackTests.Harness.Dashboards;

/// <summary>What one panel query returned through Grafana: its rows, the label sets of its series, or its error.</summary>
public sealed record PanelQueryOutcome(PanelQuery Query, int Rows, string? Error, IReadOnlyList<IReadOnlyDictionary<string, string>> Series)
{
    public bool HasData => Error is null && Rows > 0;

    public override string ToString() =>
        $"{Query.Where}: " + (Error is not null ? $"error: {Error}" : Rows > 0 ? $"{Rows} rows" : "no data");
}

/// <summary>
/// Runs a dashboard's panel queries through Grafana as the panels would. Grafana's backend
/// does not run Tempo TraceQL searches (/api/ds/query answers "backend TraceQL search queries are
/// not supported"); its frontend sends them through the datasource proxy, and so does this.
/// </summary>
public static class PanelQueryRunner
{
    public static async Task<PanelQueryOutcome> RunAsync(GrafanaClient grafana, PanelQuery query, string from, string to, CancellationToken cancellationToken)
    {
        if (query.Query is not { } body) return new PanelQueryOutcome(query, 0, query.Problem ?? "no query", []);
        try
        {
            if (IsTempoSearch(body, out var uid, out var traceql))
            {
                var traces = await grafana.TempoSearchAsync(uid, traceql, cancellationToken: cancellationToken);
                return new PanelQueryOutcome(query, traces.Count, null, []);
            }
            var response = await grafana.QueryAsync([body], from, to, cancellationToken);
            var result = response.Results.Values.FirstOrDefault();
            return result is null
                ? new PanelQueryOutcome(query, 0, "Grafana returned no result for the query", [])
                : new PanelQueryOutcome(query, result.TotalRows, result.IsError ? result.Error ?? $"status {result.Status}" : null,
                    result.Frames.SelectMany(f => f.Fields).Select(f => f.Labels).Where(l => l.Count > 0).ToList());
        }
        catch (ApiException e)
        {
            return new PanelQueryOutcome(query, 0, e.Message, []);
        }
    }

    // A Tempo TraceQL target that Grafana's frontend runs as a search: neither a trace id nor a metrics query.
    private static bool IsTempoSearch(JsonObject body, out string uid, out string traceql)
    {
        uid = body["datasource"]?["uid"]?.GetValue<string>() ?? "";
        traceql = body["query"]?.GetValue<string>() ?? "";
        var type = body["datasource"]?["type"]?.GetValue<string>();
        var queryType = body["queryType"]?.GetValue<string>() ?? "traceql";
        return type == "tempo" && queryType is "traceql" or "traceqlSearch" && TraceQlKind.Of(traceql) == TraceQlKind.Search;
    }
}
