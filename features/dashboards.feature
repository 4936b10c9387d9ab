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

  @dashboards @needs-grafana @needs-prometheus @needs-loki @needs-tempo @needs-otel-collector
  Scenario: Every dashboard renders with data
    When a span is sent to the Collector over OTLP
    And a failing span is sent to the Collector over OTLP
    And a log line carrying the span's trace id is pushed to Loki
    And an error log line is pushed to Loki
    Then every panel query of every dashboard returns data without error through Grafana
    And a browser shows every dashboard without a panel error

  @dashboards @needs-prometheus @needs-pushgateway
  Scenario: Dashboard queries match live metrics
    When this run pushes a metric group to the Pushgateway
    Then every Prometheus query of the dashboards returns data for the services that run
