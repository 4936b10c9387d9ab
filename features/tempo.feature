Feature: Tempo
  Tempo on its own, with no Collector in front of it: a trace sent to its OTLP receiver is
  stored whole and found by id and by TraceQL, and its metrics generator turns the trace into
  the span and service-graph metrics the Application Performance dashboard reads. When these
  pass and a pipeline scenario fails, the pipeline is what broke, not Tempo.

  Background:
    Given the stack is running

  @tempo @needs-tempo
  Scenario: Tempo stores an OTLP trace sent to it directly
    When a trace is sent to Tempo directly over OTLP
    Then Tempo returns every span of the trace by its id
    And a TraceQL search for this run finds the trace

  @tempo @needs-tempo @needs-prometheus
  Scenario: Tempo's metrics generator turns a trace into span metrics in Prometheus
    When a trace is sent to Tempo directly over OTLP
    Then Prometheus has span metrics of the trace's service from Tempo's metrics generator
    And Prometheus has the service graph edge from the trace's client span to its server span
