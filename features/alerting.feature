Feature: Alerting
  A rule that fires in Prometheus reaches Alertmanager and, through it, the webhook receiver.
  The stack's AlertPipelineProbe rule fires while obstackd_alert_probe is above zero; this run
  raises it through the Pushgateway, labelled with its own run id.

  @alerting @needs-prometheus @needs-pushgateway @needs-alertmanager @needs-alert-sink
  Scenario: A firing rule reaches Alertmanager and its webhook receiver
    Given the stack is running
    When the alert probe is raised for this run through the Pushgateway
    Then Prometheus reports the "AlertPipelineProbe" alert firing for this run
    And Alertmanager holds the "AlertPipelineProbe" alert for this run
    And the webhook receiver gets the "AlertPipelineProbe" alert for this run
