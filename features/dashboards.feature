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
  Scenario: Every dashboard renders with data
    When a span is sent to the Collector over OTLP
    And a failing span is sent to the Collector over OTLP
    And a log record is sent to the Collector over OTLP
    And a counter is sent to the Collector over OTLP
    And a log line carrying the span's trace id is pushed to Loki
    And an error log line is pushed to Loki
    And this run pushes a metric group to the Pushgateway
    And this run pushes canary figures to the Pushgateway
    Then every panel query of every dashboard returns data without error through Grafana
    And a browser shows every dashboard without a panel error

  @dashboards @needs-prometheus @needs-pushgateway
  Scenario: Dashboard queries match live metrics
    When this run pushes a metric group to the Pushgateway
    And this run pushes canary figures to the Pushgateway
    And where the Collector runs, a span, a log record and a counter are sent to it over OTLP
    And where Loki runs, a log line is pushed to it
    Then every Prometheus query of the dashboards returns data for the services that run
