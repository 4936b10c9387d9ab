using System.Text.Json;
using static StackTests.Harness.Clients.JsonRead;

namespace StackTests.Harness.Clients;

/// <summary>
/// The Pushgateway's read API (https://github.com/prometheus/pushgateway#api, api/v1/api.go):
/// GET /api/v1/metrics lists every group with its grouping labels and the metric families pushed to it.
/// Pushing and deleting are PushgatewayEmitter's.
/// </summary>
public sealed class PushgatewayClient(Uri baseUrl, TimeSpan? timeout = null)
{
    private const string Component = "Pushgateway";
    private readonly Flurl.Http.FlurlClient _http = ApiCall.Client(baseUrl, timeout ?? TimeSpan.FromSeconds(10));

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>GET /api/v1/metrics: every group the Pushgateway holds.</summary>
    public async Task<IReadOnlyList<PushgatewayGroup>> GroupsAsync(CancellationToken cancellationToken = default) =>
        ParseGroups(await ApiCall.GetStringAsync(Component, _http.Request("api", "v1", "metrics"), cancellationToken));

    /// <summary>{"status":"success","data":[{"labels":{...},"last_push_successful":true,"&lt;metric&gt;":{...},...}]}.</summary>
    public static IReadOnlyList<PushgatewayGroup> ParseGroups(string json)
    {
        using var document = JsonDocument.Parse(json);
        var data = Property(document.RootElement, "data");
        if (data.ValueKind != JsonValueKind.Array) return [];
        return data.EnumerateArray().Select(group => new PushgatewayGroup(
            StringMap(Property(group, "labels")),
            group.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Name != "labels").Select(p => p.Name).ToList(),
            Property(group, "last_push_successful").ValueKind != JsonValueKind.False)).ToList();
    }
}

/// <summary>One group of the Pushgateway: its grouping labels and the metric families pushed to it.</summary>
public sealed record PushgatewayGroup(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Metrics, bool LastPushSuccessful);
