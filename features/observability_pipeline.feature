Feature: Observability pipeline
  Signals pushed into Obstackd reach the backends that store them, and can be queried back.
  Every signal carries this run's id, and every query filters on it.

  Background:
    Given the stack is running

  @metrics @needs-prometheus
  Scenario: Metrics are available in Prometheus
    Then Prometheus reports the scrape targets of every running service up
    And the "up" metric of each of those targets can be queried
    And each running service's own metrics can be queried in Prometheus:
      | service        | metric                                 |
      | prometheus     | prometheus_tsdb_head_series            |
      | alertmanager   | alertmanager_alerts                    |
      | node-exporter  | node_cpu_seconds_total                 |
      | pushgateway    | pushgateway_build_info                 |
      | mqtt-exporter  | mqtt2prometheus_connected              |
      | loki           | loki_build_info                        |
      | tempo          | tempo_build_info                       |
      | otel-collector | otelcol_process_uptime_seconds_total   |
      | alloy          | alloy_build_info                       |
      | grafana        | grafana_build_info                     |

  @metrics @needs-otel-collector @needs-prometheus
  Scenario: OTLP metrics reach Prometheus through the Collector
    When a counter is sent to the Collector over OTLP
    Then Prometheus has that counter for this run
    And Prometheus has the Collector's own "otelcol_receiver_accepted_metric_points_total" metric

  @logs @needs-loki @needs-alloy @needs-containers
  Scenario: Container logs reach Loki through Alloy with their labels
    When a container writes a unique log line
    Then Loki returns that line
    And the line carries the labels "job", "container", "compose_service", "compose_project" and "stream"

  @traces @needs-otel-collector @needs-tempo
  Scenario: Traces reach Tempo through the Collector
    When a span is sent to the Collector over OTLP
    Then Tempo returns the trace by its id
    And a TraceQL search for this run finds the trace

  # Where Grafana runs, a browser follows Grafana's own links in Explore; elsewhere the suite
  # applies the provisioned datasource settings itself and says that Grafana was not asked.
  @correlation @needs-otel-collector @needs-tempo @needs-loki @uses-grafana
  Scenario: A log line's trace id leads to its trace, and back
    When a span is sent to the Collector over OTLP
    And a log line carrying the span's trace id is pushed to Loki
    Then the log line's derived field leads to the trace
    And Tempo returns the trace by its id
    And the trace's logs link leads back to the line
