Feature: Loki
  Loki on its own, with nothing in front of it: a line pushed to its API is stored with its
  labels and its structured metadata, and LogQL finds it. When this passes and a pipeline
  scenario fails, the pipeline is what broke, not Loki.

  Background:
    Given the stack is running

  @loki @needs-loki
  Scenario: Loki stores a pushed line with its labels and structured metadata
    When a line carrying a trace id as structured metadata is pushed to Loki
    Then a LogQL query filtered on this run's id finds that line in the run's time range
    And the line carries its stream labels and its trace id as structured metadata
