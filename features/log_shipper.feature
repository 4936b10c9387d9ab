Feature: Log shipper
  Grafana Alloy ships every container's log lines to Loki, and loses or repeats none of them
  when it restarts (its read positions are kept in a volume).

  Background:
    Given the stack is running

  @shipper @needs-alloy
  Scenario: Alloy's components are healthy
    Then every Alloy component reports healthy

  # Alloy's counters (as Prometheus scrapes them) are compared before and after this scenario's
  # own lines: lines other containers wrote before it (a host's old logs, which Loki may refuse)
  # are not its concern.
  @shipper @needs-alloy @needs-loki @needs-prometheus @needs-containers
  Scenario: Alloy ships a new container's lines without dropping any
    Given Alloy's sent and dropped log entry counts are noted
    When a container writes 5 numbered log lines over 2 seconds
    Then Loki has each of those lines exactly once
    And Alloy has sent at least those lines since, and dropped none

  # @serial: restarting Alloy would disturb scenarios running beside it.
  @shipper @serial @needs-alloy @needs-loki @needs-containers
  Scenario: No log line is lost or duplicated when Alloy restarts
    When a canary sends container-logs for 10 seconds at 2 per second, restarting alloy at 5 seconds
    Then the canary saw every container-logs entry exactly once, in order
