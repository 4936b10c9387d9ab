Feature: Infrastructure
  Every core service of Obstackd starts and reports itself healthy.

  @infrastructure @needs-prometheus @needs-alertmanager @needs-loki @needs-tempo @needs-otel-collector @needs-alloy @needs-grafana
  Scenario: Every core service is up and healthy
    Given the stack is running
    Then every core service reports healthy
