namespace StackTests.Harness.Clients;

/// <summary>
/// A component's API failed: it could not be reached, timed out, or answered with an error.
/// The message names the component, the endpoint (method and path) and the status, never a
/// credential: clients send secrets only in headers, which no message repeats.
/// </summary>
public sealed class ApiException(string component, string endpoint, int? status, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The component, e.g. "Loki".</summary>
    public string Component { get; } = component;

    /// <summary>Method and path, e.g. "POST /loki/api/v1/push".</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>The HTTP status, or null when no answer came (refused, timed out).</summary>
    public int? Status { get; } = status;

    /// <summary>
    /// An answer that asking again cannot change: 400 (the request itself is wrong: a query that does
    /// not parse), 401 and 403 (the login), and 404 from a query endpoint (a wrong path or base URL; a
    /// lookup by id that is not found yet, such as Tempo's /api/traces/{id}, is not a query endpoint).
    /// A wait on such an answer stops at once instead of polling until its time-out.
    /// </summary>
    public bool AnswerCannotChange => Status is 400 or 401 or 403 || (Status == 404 && IsQueryEndpoint(Endpoint));

    // The last path segment of the components' query and search APIs: Prometheus /api/v1/query,
    // query_range, series, labels, label/{name}/values; Loki /loki/api/v1/...; Tempo /api/search,
    // /api/search/tags, /api/v2/search/tag/{tag}/values; Grafana /api/ds/query.
    private static readonly HashSet<string> QuerySegments = ["query", "query_range", "query_exemplars", "series", "labels", "values", "search", "tags"];

    /// <param name="endpoint">method and path, e.g. "GET /api/v1/query"</param>
    public static bool IsQueryEndpoint(string endpoint)
    {
        var path = endpoint.Split(' ', 2) is [_, var p] ? p : endpoint;
        var last = path.Split('?', 2)[0].TrimEnd('/').Split('/')[^1];
        return QuerySegments.Contains(last);
    }
}
