using System.Text.Json;
using Flurl.Http;
using static StackTests.Harness.Clients.JsonRead;

namespace StackTests.Harness.Clients;

/// <summary>
/// Grafana Alloy's HTTP endpoints (https://grafana.com/docs/alloy/latest/reference/http/): /-/ready,
/// /-/healthy, and the UI API's component list /api/v0/web/components (grafana/alloy
/// internal/web/api/api.go; fields as in internal/web/ui/src/features/component/types.ts).
/// Its own metrics are read from Prometheus, which scrapes them (ScrapedMetrics, job "alloy").
/// </summary>
public sealed class AlloyClient(Uri baseUrl, TimeSpan? timeout = null)
{
    private const string Component = "Alloy";
    private readonly FlurlClient _http = ApiCall.Client(baseUrl, timeout ?? TimeSpan.FromSeconds(10));

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>GET /-/ready: 200 "Alloy is ready." once the configuration is loaded, else 503.</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        ApiCall.IsReadyAsync(Component, _http.Request("-", "ready"), cancellationToken);

    /// <summary>GET /-/healthy: 200 when every component is healthy, else 500 with the unhealthy ones in the message.</summary>
    public async Task<AlloyHealth> HealthAsync(CancellationToken cancellationToken = default)
    {
        var answer = await ApiCall.SendAsync(Component, _http.Request("-", "healthy"), HttpMethod.Get, null, cancellationToken, 500);
        return new AlloyHealth(answer.Status == 200, answer.Body.Trim());
    }

    /// <summary>GET /api/v0/web/components: every component with its health.</summary>
    public async Task<IReadOnlyList<AlloyComponent>> ComponentsAsync(CancellationToken cancellationToken = default) =>
        ParseComponents(await ApiCall.GetStringAsync(Component, _http.Request("api", "v0", "web", "components"), cancellationToken));

    public static IReadOnlyList<AlloyComponent> ParseComponents(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(component =>
        {
            var health = component.TryGetProperty("health", out var h) ? h : default;
            return new AlloyComponent(
                Text(component, "localID") is { Length: > 0 } id ? id : Text(component, "id"),
                Text(component, "moduleID"), Text(component, "name"), Text(component, "label"),
                Text(health, "state"), Text(health, "message"));
        }).ToList();

}

public sealed record AlloyHealth(bool IsHealthy, string Message);

/// <summary>A component, e.g. LocalId "loki.write.default", Name "loki.write"; HealthState healthy, unhealthy, unknown or exited.</summary>
public sealed record AlloyComponent(string LocalId, string ModuleId, string Name, string Label, string HealthState, string HealthMessage)
{
    public bool IsHealthy => HealthState == "healthy";
    public override string ToString() => $"{LocalId} {HealthState}{(HealthMessage.Length > 0 ? $" ({HealthMessage})" : "")}";
}
