Feature: Grafana dashboards
  Grafana is provisioned with the stack's datasources and five dashboards, and every
  panel shows data from the running stack.

  Background:
    Given the stack is running

  @dashboards @needs-grafana
  Scenario: The five dashboards are provisioned
    Then Grafana has these dashboards:
      | uid                        | title                      |
      | observability-stack-health | Observability Stack Health |
      | application-performance    | Application Performance    |
      | infrastructure-overview    | Infrastructure Overview    |
      | iot-devices-mqtt           | IoT Devices & MQTT         |
      | stacktests-canary          | StackTests canary          |
    And the datasources "prometheus", "loki" and "tempo" are provisioned and healthy

  # Each scenario sends what its panels show, so it passes alone and in any order. A panel's data
  # counts only when every metric its query reads exists: an "or vector(0)" fallback is not data.
  @dashboards @needs-grafana @needs-prometheus @needs-loki @needs-tempo @needs-otel-collector @needs-pushgateway
  @needs-alertmanager @needs-alloy @needs-node-exporter @needs-mosquitto @needs-mqtt-exporter
  Scenario: Every dashboard renders with data
    When a device of this run publishes a temperature of 23.5, a humidity of 42.5 and a battery voltage of 3.5
    And a span is sent to the Collector over OTLP
    And a failing span is sent to the Collector over OTLP
    And a log record is sent to the Collector over OTLP
    And a counter is sent to the Collector over OTLP
    And a log line carrying the span's trace id is pushed to Loki
    And an error log line is pushed to Loki
    And this run pushes a metric group to the Pushgateway
    And this run pushes canary figures to the Pushgateway
    Then every panel query of every dashboard returns data without error through Grafana
    And a browser shows every dashboard without a panel error

  # One scenario per dashboard: each sends what its panels show and needs every service they read,
  # so its scope never depends on what else was selected. Grafana is not asked in these: the
  # dashboard files' queries go to Prometheus (the scenario above asks Grafana). A self-test holds
  # one such scenario per dashboard file (tests/StackTests.Tests/Features/FeatureCoverageTests.cs).
  @dashboards @needs-prometheus @needs-node-exporter @needs-pushgateway
  Scenario: The Infrastructure Overview dashboard's queries return live data from Prometheus
    When this run pushes a metric group to the Pushgateway
    Then every Prometheus query of the "infrastructure-overview" dashboard returns data from Prometheus, and every metric it reads exists

  @dashboards @needs-prometheus @needs-mosquitto @needs-mqtt-exporter
  Scenario: The IoT dashboard's queries return live data from Prometheus
    When a device of this run publishes a temperature of 22.5, a humidity of 41.5 and a battery voltage of 3.25
    Then every Prometheus query of the "iot-devices-mqtt" dashboard returns data from Prometheus, and every metric it reads exists

  @dashboards @needs-prometheus @needs-pushgateway
  Scenario: The canary dashboard's queries return live data from Prometheus
    When this run pushes canary figures to the Pushgateway
    Then every Prometheus query of the "stacktests-canary" dashboard returns data from Prometheus, and every metric it reads exists

  # Its Prometheus panels read Tempo's metrics generator alone (span metrics, service graph): the
  # trace goes to Tempo directly (the Collector's path has its own scenario).
  @dashboards @needs-prometheus @needs-tempo
  Scenario: The Application Performance dashboard's queries return live data from Prometheus
    When a trace is sent to Tempo directly over OTLP
    Then every Prometheus query of the "application-performance" dashboard returns data from Prometheus, and every metric it reads exists

  @dashboards @needs-prometheus @needs-alertmanager @needs-loki @needs-tempo @needs-otel-collector @needs-alloy @needs-grafana
  Scenario: The Observability Stack Health dashboard's queries return live data from Prometheus
    When a span is sent to the Collector over OTLP
    And a log record is sent to the Collector over OTLP
    And a counter is sent to the Collector over OTLP
    And a log line carrying the span's trace id is pushed to Loki
    Then every Prometheus query of the "observability-stack-health" dashboard returns data from Prometheus, and every metric it reads exists
