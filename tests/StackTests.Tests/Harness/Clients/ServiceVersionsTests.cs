using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness.Clients;

/// <summary>The version each component reports about itself, read from answers shaped as upstream's own.</summary>
public sealed class ServiceVersionsTests
{
    [Fact]
    public void Reads_Prometheus_buildinfo()
    {
        // GET /api/v1/status/buildinfo (https://prometheus.io/docs/prometheus/latest/querying/api/#build-information).
        const string body = """{"status":"success","data":{"version":"3.5.3","revision":"abc","branch":"HEAD","buildUser":"root@x","buildDate":"20251201","goVersion":"go1.24.1"}}""";
        ServiceVersions.FromJson(body, ["data", "version"]).Should().Be("3.5.3");
    }

    [Fact]
    public void Reads_Alertmanager_status_version_info()
    {
        // GET /api/v2/status (api/v2/openapi.yaml: versionInfo).
        const string body = """{"cluster":{"status":"disabled","peers":[]},"versionInfo":{"branch":"HEAD","buildDate":"x","buildUser":"x","goVersion":"go1.19","revision":"r","version":"0.25.0"},"config":{"original":""},"uptime":"2026-12-07T04:00:00Z"}""";
        ServiceVersions.FromJson(body, ["versionInfo", "version"]).Should().Be("0.25.0");
    }

    [Fact]
    public void Reads_the_buildinfo_of_Loki_and_Tempo_and_Grafana_s_health()
    {
        ServiceVersions.FromJson("""{"version":"3.7.6","revision":"r","branch":"b","buildUser":"","buildDate":"","goVersion":"go1.26"}""", ["version"]).Should().Be("3.7.6");
        ServiceVersions.FromJson("""{"commit":"abc","database":"ok","version":"12.4.11"}""", ["version"]).Should().Be("12.4.11");
    }

    [Fact]
    public void A_missing_or_empty_version_is_none()
    {
        ServiceVersions.FromJson("""{"data":{}}""", ["data", "version"]).Should().BeNull();
        ServiceVersions.FromJson("""{"version":""}""", ["version"]).Should().BeNull();
    }

    [Fact]
    public void Reads_the_version_label_of_a_build_info_metric()
    {
        const string metrics = """
            # HELP pushgateway_build_info A metric with a constant '1' value labeled by version, revision, branch, goversion from which pushgateway was built, and the goos and goarch for the build.
            # TYPE pushgateway_build_info gauge
            pushgateway_build_info{branch="debian/sid",goarch="amd64",goos="linux",goversion="go1.24.4",revision="1.11.2",tags="unknown",version="1.11.2"} 1
            """;
        ServiceVersions.FromMetrics(metrics, ["pushgateway_build_info"]).Should().Be("1.11.2");
        ServiceVersions.FromMetrics(metrics, ["node_exporter_build_info"]).Should().BeNull();
    }

    [Fact]
    public void Reads_the_Collector_s_service_version_label()
    {
        const string metrics = """
            otelcol_process_uptime_seconds_total{otel_scope_name="go.opentelemetry.io/collector/service",otel_scope_version="",service_instance_id="i",service_name="otelcol-contrib",service_version="0.142.0"} 12.5
            """;
        ServiceVersions.FromMetrics(metrics, ["otelcol_process_uptime_seconds_total", "target_info"]).Should().Be("0.142.0");
    }
}
