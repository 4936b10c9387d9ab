Feature: Observability pipeline
  Signals pushed into Obstackd reach the backends that store them, and can be queried back.

  @metrics @needs-prometheus
  Scenario: Metrics are available in Prometheus
    Given the stack is running
    Then Prometheus reports the scrape targets of every running service up
    And the "up" metric of each of those targets can be queried
