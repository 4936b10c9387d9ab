Feature: Observability pipeline
  Signals pushed into Obstackd reach the backends that store them, and can be queried back.
  Every signal carries this run's id, and every query filters on it.

  Background:
    Given the stack is running

  # One scenario per service prometheus.yml scrapes, each needing that service, so what is checked
  # never depends on what else was selected; a self-test holds the examples equal to the services of
  # prometheus.yml's jobs (tests/StackTests.Tests/Features/FeatureCoverageTests.cs).
  @metrics @needs-prometheus
  Scenario Outline: Prometheus scrapes <service> and has its own metrics
    Then Prometheus reports every scrape target of "<service>" in prometheus.yml up
    And the "up" metric of each of those targets can be queried
    And Prometheus has "<metric>" of job "<service>"

    Examples: Prometheus
      | service    | metric                      |
      | prometheus | prometheus_tsdb_head_series |

    @needs-alertmanager
    Examples: Alertmanager
      | service      | metric              |
      | alertmanager | alertmanager_alerts |

    @needs-node-exporter
    Examples: node exporter
      | service       | metric                 |
      | node-exporter | node_cpu_seconds_total |

    @needs-pushgateway
    Examples: Pushgateway
      | service     | metric                 |
      | pushgateway | pushgateway_build_info |

    @needs-mqtt-exporter
    Examples: mqtt2prometheus
      | service       | metric                    |
      | mqtt-exporter | mqtt2prometheus_connected |

    @needs-loki
    Examples: Loki
      | service | metric          |
      | loki    | loki_build_info |

    @needs-tempo
    Examples: Tempo
      | service | metric           |
      | tempo   | tempo_build_info |

    @needs-otel-collector
    Examples: OpenTelemetry Collector
      | service        | metric                               |
      | otel-collector | otelcol_process_uptime_seconds_total |

    @needs-alloy
    Examples: Alloy
      | service | metric          |
      | alloy   | alloy_build_info |

    @needs-grafana
    Examples: Grafana
      | service | metric             |
      | grafana | grafana_build_info |

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

  # The provisioned correlation settings, applied by the suite to what Loki and Tempo return:
  # Grafana is not asked here (the next scenario asks it).
  @correlation @needs-otel-collector @needs-tempo @needs-loki
  Scenario: The provisioned trace link resolves in Tempo, and the logs link finds the line in Loki
    When a span is sent to the Collector over OTLP
    And a log line carrying the span's trace id is pushed to Loki
    Then the provisioned Loki derived field yields the span's trace id from the line as Loki returns it
    And Tempo returns the trace by its id
    And the provisioned traces-to-logs query of the Tempo datasource finds the line in Loki

  @correlation @needs-grafana @needs-otel-collector @needs-tempo @needs-loki
  Scenario: In Grafana's Explore, a log line's trace link opens its trace, and the span's logs link shows the line
    When a span is sent to the Collector over OTLP
    And a log line carrying the span's trace id is pushed to Loki
    Then in Grafana's Explore, the log line's trace link opens the trace
    And in Grafana's Explore, the span's logs link shows the line
