Feature: Log shipper
  Grafana Alloy ships every container's log lines to Loki, and loses or repeats none of them
  when it restarts (its read positions are kept in a volume).

  Background:
    Given the stack is running

  @shipper @needs-alloy @needs-loki
  Scenario: Alloy's components are healthy and ship without dropping
    Then every Alloy component reports healthy
    And Alloy has sent log entries to Loki and dropped none

  # @serial: restarting Alloy would disturb scenarios running beside it.
  @shipper @serial @needs-alloy @needs-loki @needs-containers
  Scenario: No log line is lost or duplicated when Alloy restarts
    When a container writes 20 numbered log lines over 10 seconds
    And Alloy is restarted while the lines are written
    Then Loki has each of those lines exactly once
