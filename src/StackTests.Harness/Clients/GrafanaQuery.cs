using System.Text.Json.Nodes;

namespace StackTests.Harness.Clients;

/// <summary>
/// Bodies of POST /api/ds/query as Grafana's frontend sends them
/// (https://grafana.com/docs/grafana/latest/developers/http_api/data_source/#query-a-data-source):
/// {"queries":[{"refId":"A","datasource":{"uid":..,"type":..},...,"intervalMs":..,"maxDataPoints":..}],"from":"now-5m","to":"now"}.
/// Query fields per datasource follow Grafana's query models: Prometheus (expr, range, instant),
/// Loki (expr, queryType, maxLines), Tempo (queryType "traceId" with query = the id, or "traceql").
/// </summary>
public static class GrafanaQuery
{
    public const long DefaultIntervalMs = 15_000;
    public const int DefaultMaxDataPoints = 1_000;

    public static JsonObject Prometheus(string datasourceUid, string expr, bool instant = false, string refId = "A",
        long intervalMs = DefaultIntervalMs, int maxDataPoints = DefaultMaxDataPoints) => new()
    {
        ["refId"] = refId,
        ["datasource"] = Datasource(datasourceUid, "prometheus"),
        ["expr"] = expr,
        ["range"] = !instant,
        ["instant"] = instant,
        ["intervalMs"] = intervalMs,
        ["maxDataPoints"] = maxDataPoints,
    };

    /// <param name="queryType">"range" for a log or metric range query, "instant" for an instant metric query.</param>
    public static JsonObject Loki(string datasourceUid, string expr, string queryType = "range", int maxLines = 1000, string refId = "A",
        long intervalMs = DefaultIntervalMs, int maxDataPoints = DefaultMaxDataPoints) => new()
    {
        ["refId"] = refId,
        ["datasource"] = Datasource(datasourceUid, "loki"),
        ["expr"] = expr,
        ["queryType"] = queryType,
        ["maxLines"] = maxLines,
        ["intervalMs"] = intervalMs,
        ["maxDataPoints"] = maxDataPoints,
    };

    /// <summary>The whole request body; from/to are epoch milliseconds as text or relative ("now-5m").</summary>
    public static string Body(IEnumerable<JsonObject> queries, string from = "now-5m", string to = "now") =>
        new JsonObject
        {
            ["queries"] = new JsonArray(queries.Select(q => (JsonNode)q.DeepClone()).ToArray()),
            ["from"] = from,
            ["to"] = to,
        }.ToJsonString();

    public static JsonObject Datasource(string uid, string type) => new() { ["uid"] = uid, ["type"] = type };
}
