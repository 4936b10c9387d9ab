using System.Text.Json;
using Flurl.Http;

namespace StackTests.Harness.Clients;

/// <summary>
/// The OpenTelemetry Collector's own endpoints: the health_check extension (default :13133, path "/",
/// {"status":"Server available","upSince":..,"uptime":..}, 503 "Server not available"). Its internal
/// telemetry (otelcol_* metrics, :8888) is read from Prometheus, which scrapes it (ScrapedMetrics, job "otel-collector").
/// https://github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/extension/healthcheckextension
/// </summary>
public sealed class CollectorClient(Uri healthCheckUrl, TimeSpan? timeout = null)
{
    private const string Component = "OpenTelemetry Collector";

    public Uri HealthCheckUrl { get; } = healthCheckUrl;

    /// <summary>GET the health_check endpoint; 503 is an answer (not available), not an error.</summary>
    public async Task<CollectorHealth> HealthAsync(CancellationToken cancellationToken = default)
    {
        var request = new FlurlRequest(HealthCheckUrl).WithTimeout(timeout ?? TimeSpan.FromSeconds(10));
        var answer = await ApiCall.SendAsync(Component, request, HttpMethod.Get, null, cancellationToken, 503);
        return ParseHealth(answer.Status, answer.Body);
    }

    public static CollectorHealth ParseHealth(int status, string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        string Text(string property) => root.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
        return new CollectorHealth(status == 200 && Text("status") == "Server available", Text("status"), Text("upSince"), Text("uptime"));
    }
}

public sealed record CollectorHealth(bool IsAvailable, string Status, string UpSince, string Uptime)
{
    public override string ToString() => $"{Status} (up since {UpSince})";
}
