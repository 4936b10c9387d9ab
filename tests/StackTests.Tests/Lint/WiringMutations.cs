namespace StackTests.Tests.Lint;

/// <summary>
/// Faults every component still loads, which break the pipeline between containers or make a
/// component refuse its config at load: one planted defect each, by class. Each must be reported
/// with exactly its rule: no other error appears in the copy of compose/ (which lints clean).
/// </summary>
public static class WiringMutations
{
    private const string ComposeFile = "compose.yaml";
    private const string Collector = "otel-collector/config.yaml";
    private const string Tempo = "tempo/tempo.yaml";
    private const string Loki = "loki/loki.yaml";
    private const string Alloy = "alloy/config.alloy";
    private const string Datasources = "grafana/provisioning/datasources/datasources.yaml";
    private const string Apm = "grafana/dashboards/application-performance.json";

    /// <summary>The class of fault each mutation plants, for the detection rate.</summary>
    public static readonly (string Class, Mutation Mutation)[] Classified =
    [
        // A server others dial listens on loopback inside its container.
        ("listen-loopback", new("collector OTLP receiver on localhost", Collector, @"endpoint: 0\.0\.0\.0:4317", "endpoint: localhost:4317", "listen-loopback", "receiver 'otlp/grpc' of 'otel-collector' listens on localhost:4317")),
        ("listen-loopback", new("collector OTLP receiver without endpoint (default localhost)", Collector, @"grpc:\n        endpoint: 0\.0\.0\.0:4317\n", "grpc:\n", "listen-loopback", "localhost:4317 (the default when no endpoint is set)")),
        ("listen-loopback", new("collector Prometheus exporter on 127.0.0.1", Collector, @"endpoint: 0\.0\.0\.0:8889", "endpoint: 127.0.0.1:8889", "listen-loopback", "exporter 'prometheus'")),
        ("listen-loopback", new("tempo receiver on 127.0.0.1", Tempo, @"endpoint: 0\.0\.0\.0:4317", "endpoint: 127.0.0.1:4317", "listen-loopback", "distributor receiver 'otlp/grpc'")),
        ("listen-loopback", new("loki HTTP server on 127.0.0.1", Loki, @"^  http_listen_port: 3100$", "  http_listen_address: 127.0.0.1\n  http_listen_port: 3100", "listen-loopback", "server.http_listen_address")),
        ("listen-loopback", new("alloy HTTP server on its default address", ComposeFile, @"\n      - --server\.http\.listen-addr=0\.0\.0\.0:12345", "", "listen-loopback", "127.0.0.1:12345 (the default of --server.http.listen-addr)")),

        // Multi-tenancy on, clients without a tenant.
        ("tenant-missing", new("loki auth_enabled true", Loki, @"^auth_enabled: false$", "auth_enabled: true", "tenant-missing", "loki.write.loki", Alloy)),
        ("tenant-missing", new("loki auth_enabled left to its default", Loki, @"^auth_enabled: false\n", "", "tenant-missing", "defaults to true", Collector)),
        ("tenant-missing", new("tempo multitenancy_enabled", Tempo, @"^server:$", "multitenancy_enabled: true\nserver:", "tenant-missing", "exporter 'otlp_grpc/tempo'", Collector)),

        // OTLP/HTTP exporter endpoint to which the signal path is appended.
        ("otlp-http-path", new("collector OTLP/HTTP to Loki with the signal path", Collector, @"endpoint: http://loki:3100/otlp$", "endpoint: http://loki:3100/otlp/v1/logs", "otlp-http-path", "http://loki:3100/otlp/v1/logs/v1/logs")),
        ("otlp-http-path", new("collector OTLP/HTTP to Loki's push API", Collector, @"endpoint: http://loki:3100/otlp$", "endpoint: http://loki:3100/loki/api/v1/push", "otlp-http-path", "Loki's push API is not OTLP")),

        // A command reads a config file no mount or image provides.
        ("compose-config-path", new("loki config file not mounted", ComposeFile, @"-config\.file=/etc/loki/loki\.yaml", "-config.file=/etc/loki/config.yaml", "compose-config-path", "service 'loki' reads its config from /etc/loki/config.yaml")),
        ("compose-config-path", new("prometheus config file missing in its mounted folder", ComposeFile, @"--config\.file=/etc/prometheus/prometheus\.yml", "--config.file=/etc/prometheus/prometheus.yaml", "compose-config-path", "the bind-mounted host folder does not hold")),
        ("compose-config-path", new("alloy positional config path not mounted", ComposeFile, @"- /etc/alloy/config\.alloy$", "- /etc/alloy/main.alloy", "compose-config-path", "service 'alloy' reads its config from /etc/alloy/main.alloy")),

        // Structured metadata on a schema that cannot store it.
        ("loki-structured-metadata", new("loki structured metadata on schema v12", Loki, @"schema: v13", "schema: v12", "loki-structured-metadata", "schema v12")),
        ("loki-structured-metadata", new("loki structured metadata on a boltdb index", Loki, @"store: tsdb", "store: boltdb-shipper", "loki-structured-metadata", "'boltdb-shipper' index")),
        ("loki-structured-metadata", new("loki disallows the structured metadata alloy sends", Loki, @"allow_structured_metadata: true", "allow_structured_metadata: false", "loki-structured-metadata", "attaches structured metadata", Alloy)),

        // Grafana refuses two default datasources.
        ("datasource-default", new("two default datasources", Datasources, @"(url: http://loki:3100\n)", "$1    isDefault: true\n", "datasource-default", "and so is 'Prometheus'")),

        // Regular expressions RE2 does not accept.
        ("regex-re2", new("alloy relabel regex with a lookahead", Alloy, @"regex         = ""/\?\(\.\*\)""", @"regex         = ""/?(?!x)(.*)""", "regex-re2", "lookahead")),
        ("regex-re2", new("alloy stage.regex with a possessive repetition", Alloy, @"\{16,32\}\)", "{16,32}+)", "regex-re2", "invalid nested repetition operator")),
        ("regex-re2", new("prometheus relabel regex with a backreference (promtool compiles it)", "prometheus/prometheus.yml",
            @"(  - job_name: prometheus\n)", "$1    relabel_configs:\n      - source_labels: [job]\n        regex: (a)\\1\n        action: keep\n", "prometheus-config", "")),
        ("regex-re2", new("LogQL line filter with \\Z", Apm, @"""expr"": ""\{service_name=~\\"".\+\\""\} \|~ `\(\?i\)\\\\berror\\\\b`""", @"""expr"": ""{service_name=~\"".+\""} |~ `error\\Z`""", "regex-re2", "`\\Z` is not supported by RE2")),

        // LogQL the editor grammar accepts and Loki does not.
        ("logql-balance", new("LogQL aggregation never closed", Apm, @"""expr"": ""(\{service_name=~\\"".\+\\""\} \|~ `\(\?i\)\\\\berror\\\\b`)""", @"""expr"": ""sum($1""", "query-syntax", "is never closed")),
    ];

    public static TheoryData<Mutation> Data => new(Classified.Select(c => c.Mutation));
}
