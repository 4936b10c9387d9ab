namespace StackTests.Tests.Harness.Diagnosis;

/// <summary>
/// /metrics pages and log lines recorded from the real components (Debian's builds: Alertmanager
/// 0.25.0, mqtt2prometheus 0.1.7, Prometheus 2.42.0), cut to the lines the diagnoses read.
/// </summary>
internal static class Recorded
{
    // Alertmanager just started.
    public const string AlertmanagerBefore = """
        alertmanager_alerts_received_total{status="firing",version="v2"} 0
        alertmanager_alerts_received_total{status="resolved",version="v2"} 0
        alertmanager_notification_requests_failed_total{integration="webhook"} 0
        alertmanager_notification_requests_total{integration="webhook"} 0
        alertmanager_notifications_failed_total{integration="email"} 0
        alertmanager_notifications_failed_total{integration="webhook"} 0
        alertmanager_notifications_total{integration="email"} 0
        alertmanager_notifications_total{integration="webhook"} 0
        """;

    // 15 s after an alert arrived, its webhook URL on a port nothing listens on: attempts fail, the
    // notification is still being retried (notifications_failed_total counts it after group_interval).
    public const string AlertmanagerRetrying = """
        alertmanager_alerts_received_total{status="firing",version="v1"} 0
        alertmanager_alerts_received_total{status="firing",version="v2"} 1
        alertmanager_notification_requests_failed_total{integration="webhook"} 8
        alertmanager_notification_requests_total{integration="webhook"} 8
        alertmanager_notifications_failed_total{integration="webhook"} 0
        alertmanager_notifications_total{integration="webhook"} 1
        """;

    // A minute later: the first notification gave up.
    public const string AlertmanagerGaveUp = """
        alertmanager_alerts_received_total{status="firing",version="v2"} 1
        alertmanager_notification_requests_failed_total{integration="webhook"} 18
        alertmanager_notification_requests_total{integration="webhook"} 18
        alertmanager_notifications_failed_total{integration="webhook"} 1
        alertmanager_notifications_total{integration="webhook"} 2
        """;

    // The same webhook delivering.
    public const string AlertmanagerDelivered = """
        alertmanager_alerts_received_total{status="firing",version="v2"} 1
        alertmanager_notification_requests_failed_total{integration="webhook"} 0
        alertmanager_notification_requests_total{integration="webhook"} 1
        alertmanager_notifications_failed_total{integration="webhook"} 0
        alertmanager_notifications_total{integration="webhook"} 1
        """;

    // Raw literals cannot end in a quote: a space follows the closing quote of err="...".
    public static readonly string[] AlertmanagerLog =
    [
        """ts=2026-12-07T04:26:01.199Z caller=tls_config.go:232 level=info msg="Listening on" address=127.0.4.200:9093""",
        """"ts=2026-12-07T04:26:02.670Z caller=notify.go:732 level=warn component=dispatcher receiver=alert-sink integration=webhook[0] msg="Notify attempt failed, will retry later" attempts=1 err="Post \"http://127.0.4.201:18080/alertmanager\": dial tcp 127.0.4.201:18080: connect: connection refused" """",
        """"ts=2026-12-07T04:27:02.670Z caller=dispatch.go:352 level=error component=dispatcher msg="Notify for alerts failed" num_alerts=1 err="alert-sink/webhook[0]: notify retry canceled after 12 attempts: Post \"http://127.0.4.201:18080/alertmanager\": dial tcp 127.0.4.201:18080: connect: connection refused" """",
    ];

    public const string PrometheusBefore = """
        prometheus_notifications_alertmanagers_discovered 1
        prometheus_notifications_dropped_total 0
        prometheus_notifications_errors_total{alertmanager="http://127.4.1.11:9093/api/v2/alerts"} 0
        prometheus_notifications_sent_total{alertmanager="http://127.4.1.11:9093/api/v2/alerts"} 0
        """;

    public const string PrometheusSent = """
        prometheus_notifications_alertmanagers_discovered 1
        prometheus_notifications_dropped_total 0
        prometheus_notifications_errors_total{alertmanager="http://127.4.1.11:9093/api/v2/alerts"} 0
        prometheus_notifications_latency_seconds_count{alertmanager="http://127.4.1.11:9093/api/v2/alerts"} 1
        prometheus_notifications_queue_capacity 10000
        prometheus_notifications_queue_length 0
        prometheus_notifications_sent_total{alertmanager="http://127.4.1.11:9093/api/v2/alerts"} 1
        """;

    // mqtt2prometheus connected, before and after a device published one reading on its topic, with
    // the humidity's prom_name renamed to device_humidity_ratio in its config.
    public const string ExporterBefore = """
        mqtt2prometheus_connected 1
        """;

    public const string ExporterAfterRenamed = """
        device_battery_volts{sensor="run-rec",topic="devices/run-rec/telemetry"} 3.125
        device_humidity_ratio{sensor="run-rec",topic="devices/run-rec/telemetry"} 40.25
        device_temperature_celsius{sensor="run-rec",topic="devices/run-rec/telemetry"} 21.5
        mqtt2prometheus_connected 1
        received_messages{status="success",topic="devices/run-rec/telemetry"} 1
        """;
}
