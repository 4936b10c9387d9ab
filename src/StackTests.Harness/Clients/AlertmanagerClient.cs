using System.Globalization;
using System.Text.Json;
using Flurl.Http;
using static StackTests.Harness.Clients.JsonRead;

namespace StackTests.Harness.Clients;

/// <summary>
/// The Alertmanager API v2 (https://github.com/prometheus/alertmanager/blob/main/api/v2/openapi.yaml):
/// alerts (read and post). The only place that knows its paths and shapes.
/// </summary>
public sealed class AlertmanagerClient(Uri baseUrl, TimeSpan? timeout = null)
{
    private const string Component = "Alertmanager";
    private readonly FlurlClient _http = ApiCall.Client(baseUrl, timeout ?? TimeSpan.FromSeconds(10));

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>GET /-/ready.</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        ApiCall.IsReadyAsync(Component, _http.Request("-", "ready"), cancellationToken);

    /// <summary>GET /api/v2/alerts, optionally filtered by matchers such as alertname="X" or run_id=~"run-.*".</summary>
    public async Task<IReadOnlyList<AlertmanagerAlert>> AlertsAsync(IReadOnlyList<string>? filter = null, CancellationToken cancellationToken = default)
    {
        var request = _http.Request("api", "v2", "alerts");
        if (filter is { Count: > 0 }) request.SetQueryParam("filter", filter);
        return ParseAlerts(await ApiCall.GetStringAsync(Component, request, cancellationToken));
    }

    /// <summary>
    /// GET /metrics: how many notifications Alertmanager attempted, and how many failed, through an
    /// integration (alertmanager_notifications_total and alertmanager_notifications_failed_total,
    /// labelled integration and, in newer versions, receiver_name: notify/notify.go), summed over receivers.
    /// </summary>
    public async Task<NotificationCounts> NotificationsAsync(string integration, CancellationToken cancellationToken = default) =>
        ParseNotifications(await ApiCall.GetStringAsync(Component, _http.Request("metrics"), cancellationToken), integration);

    public static NotificationCounts ParseNotifications(string exposition, string integration)
    {
        double? Sum(string metric)
        {
            var values = System.Text.RegularExpressions.Regex.Matches(exposition,
                    $"^{metric}\\{{(?<labels>[^}}]*)\\}} (?<value>\\S+)", System.Text.RegularExpressions.RegexOptions.Multiline)
                .Where(m => m.Groups["labels"].Value.Contains($"integration=\"{integration}\"", StringComparison.Ordinal))
                .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).ToList();
            return values.Count == 0 ? null : values.Sum();
        }
        return new NotificationCounts(integration, Sum("alertmanager_notifications_total"), Sum("alertmanager_notifications_failed_total"));
    }

    public static IReadOnlyList<AlertmanagerAlert> ParseAlerts(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(alert =>
        {
            var status = alert.GetProperty("status");
            return new AlertmanagerAlert(
                Labels(alert, "labels"), Labels(alert, "annotations"),
                Text(status, "state"),
                Time(alert, "startsAt"), Time(alert, "endsAt"),
                Text(alert, "fingerprint"),
                alert.TryGetProperty("receivers", out var receivers) ? receivers.EnumerateArray().Select(r => Text(r, "name")).ToList() : [],
                Strings(status, "silencedBy"), Strings(status, "inhibitedBy"));
        }).ToList();

    private static Dictionary<string, string> Labels(JsonElement element, string property) =>
        element.TryGetProperty(property, out var labels) && labels.ValueKind == JsonValueKind.Object
            ? labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "") : [];

    private static List<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Select(v => v.GetString() ?? "").ToList() : [];

    private static DateTimeOffset? Time(JsonElement element, string property) =>
        Text(element, property) is { Length: > 0 } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
}

/// <summary>An alert as Alertmanager holds it; State is active, suppressed or unprocessed.</summary>
public sealed record AlertmanagerAlert(
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string State,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string Fingerprint, IReadOnlyList<string> Receivers,
    IReadOnlyList<string> SilencedBy, IReadOnlyList<string> InhibitedBy)
{
    public string Name => Labels.GetValueOrDefault("alertname", "");
    public override string ToString() => $"{Name} {State} -> {string.Join(",", Receivers)}";
}

/// <summary>Alertmanager's notification counters of one integration; null where it has no series.</summary>
public sealed record NotificationCounts(string Integration, double? Attempted, double? Failed)
{
    public override string ToString() =>
        $"{Integration}: {Attempted?.ToString(CultureInfo.InvariantCulture) ?? "no series of"} attempted, " +
        $"{Failed?.ToString(CultureInfo.InvariantCulture) ?? "no series of"} failed";
}
