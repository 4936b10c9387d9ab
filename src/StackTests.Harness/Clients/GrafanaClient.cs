using System.Text.Json;
using System.Text.Json.Nodes;
using Flurl.Http;
using Flurl.Http.Content;
using StackTests.Models.Dashboards;
using StackTests.Models.Grafana;
using static StackTests.Harness.Clients.JsonRead;

namespace StackTests.Harness.Clients;

/// <summary>
/// The Grafana HTTP API (https://grafana.com/docs/grafana/latest/developers/http_api/): health,
/// datasources and their health, dashboard search and models, /api/ds/query, and the Tempo
/// datasource proxy for TraceQL search. The only place that knows its paths and shapes.
/// Credentials go into the Authorization header only; no message or ToString shows them.
/// </summary>
public sealed class GrafanaClient
{
    private const string Component = "Grafana";
    private readonly FlurlClient _http;

    public GrafanaClient(Uri baseUrl, GrafanaCredentials? credentials = null, TimeSpan? timeout = null)
    {
        // A URL is printed in messages; credentials in it would be too.
        if (baseUrl.UserInfo.Length > 0)
            throw new ArgumentException("Grafana's base URL must not contain credentials; pass them as GrafanaCredentials", nameof(baseUrl));
        BaseUrl = baseUrl;
        _http = ApiCall.Client(baseUrl, timeout ?? TimeSpan.FromSeconds(15));
        switch (credentials)
        {
            case GrafanaCredentials.BasicAuth basic: _http.WithBasicAuth(basic.User, basic.Password); break;
            case GrafanaCredentials.BearerToken token: _http.WithOAuthBearerToken(token.Value); break;
        }
    }

    public Uri BaseUrl { get; }

    public override string ToString() => $"Grafana at {BaseUrl}";

    /// <summary>GET /api/health: {"commit":..,"database":"ok","version":..}; needs no credentials.</summary>
    public async Task<GrafanaHealth> HealthAsync(CancellationToken cancellationToken = default) =>
        ParseHealth((await ApiCall.SendAsync(Component, _http.Request("api", "health"), HttpMethod.Get, null, cancellationToken, 503)).Body);

    /// <summary>GET /api/datasources.</summary>
    public async Task<IReadOnlyList<GrafanaDatasource>> DatasourcesAsync(CancellationToken cancellationToken = default) =>
        JsonDocument.Parse(await ApiCall.GetStringAsync(Component, _http.Request("api", "datasources"), cancellationToken))
            .RootElement.EnumerateArray().Select(GrafanaDatasource.FromApi).ToList();

    /// <summary>GET /api/datasources/uid/{uid}.</summary>
    public async Task<GrafanaDatasource> DatasourceAsync(string uid, CancellationToken cancellationToken = default) =>
        GrafanaDatasource.FromApi(JsonDocument.Parse(
            await ApiCall.GetStringAsync(Component, _http.Request("api", "datasources", "uid", uid), cancellationToken)).RootElement);

    /// <summary>GET /api/datasources/uid/{uid}/health: {"status":"OK"|"ERROR","message":..}; a failed check (400) is a result, not an exception.</summary>
    public async Task<DatasourceHealth> DatasourceHealthAsync(string uid, CancellationToken cancellationToken = default)
    {
        var answer = await ApiCall.SendAsync(Component, _http.Request("api", "datasources", "uid", uid, "health"), HttpMethod.Get, null, cancellationToken, 400);
        return ParseDatasourceHealth(answer.Body);
    }

    /// <summary>GET /api/search?type=dash-db (&amp;query=..): the dashboards.</summary>
    public async Task<IReadOnlyList<DashboardHit>> SearchDashboardsAsync(string? query = null, CancellationToken cancellationToken = default)
    {
        var request = _http.Request("api", "search").SetQueryParam("type", "dash-db");
        if (query is not null) request.SetQueryParam("query", query);
        return ParseSearch(await ApiCall.GetStringAsync(Component, request, cancellationToken));
    }

    /// <summary>GET /api/dashboards/uid/{uid}: the dashboard model.</summary>
    public async Task<Dashboard> DashboardAsync(string uid, CancellationToken cancellationToken = default) =>
        Dashboard.Parse($"{BaseUrl}api/dashboards/uid/{uid}",
            await ApiCall.GetStringAsync(Component, _http.Request("api", "dashboards", "uid", uid), cancellationToken));

    /// <summary>
    /// POST /api/ds/query. Grafana answers 400 (or 207) when a query failed, with the per-query
    /// errors in the body: those come back as results with IsError, not as an exception.
    /// </summary>
    public async Task<DsQueryResponse> QueryAsync(IEnumerable<JsonObject> queries, string from = "now-5m", string to = "now", CancellationToken cancellationToken = default)
    {
        using var content = new CapturedStringContent(GrafanaQuery.Body(queries, from, to), "application/json");
        var request = _http.Request("api", "ds", "query");
        var answer = await ApiCall.SendAsync(Component, request, HttpMethod.Post, content, cancellationToken, 207, 400);
        if (answer.Status == 400 && !answer.Body.Contains("\"results\"", StringComparison.Ordinal))
            throw new ApiException(Component, "POST /api/ds/query", 400, $"Grafana POST /api/ds/query answered 400: {answer.Body}");
        return DsQueryResponse.Parse(answer.Body);
    }

    /// <summary>
    /// TraceQL search through the Tempo datasource proxy (GET /api/datasources/proxy/uid/{uid}/api/search),
    /// as Grafana's frontend does it; Grafana's /api/ds/query does not run TraceQL searches.
    /// </summary>
    public async Task<IReadOnlyList<TraceSummary>> TempoSearchAsync(string datasourceUid, string traceql, int limit = 20, CancellationToken cancellationToken = default)
    {
        var request = _http.Request("api", "datasources", "proxy", "uid", datasourceUid, "api", "search")
            .SetQueryParam("q", traceql).SetQueryParam("limit", limit);
        return TempoClient.ParseSearchResponse(await ApiCall.GetStringAsync(Component, request, cancellationToken));
    }

    public static GrafanaHealth ParseHealth(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new GrafanaHealth(Text(root, "database"), Text(root, "version"), Text(root, "commit"));
    }

    public static DatasourceHealth ParseDatasourceHealth(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new DatasourceHealth(Text(root, "status"), Text(root, "message"));
    }

    public static IReadOnlyList<DashboardHit> ParseSearch(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(hit => new DashboardHit(
            Text(hit, "uid"), Text(hit, "title"), Text(hit, "url"), Text(hit, "folderTitle"),
            hit.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString() ?? "").ToList() : [])).ToList();

}

public sealed record GrafanaHealth(string Database, string Version, string Commit)
{
    public bool IsHealthy => Database == "ok";
}

public sealed record DatasourceHealth(string Status, string Message)
{
    public bool IsOk => Status == "OK";
    public override string ToString() => $"{Status}: {Message}";
}

public sealed record DashboardHit(string Uid, string Title, string Url, string FolderTitle, IReadOnlyList<string> Tags)
{
    public override string ToString() => $"{Title} ({Uid})";
}
