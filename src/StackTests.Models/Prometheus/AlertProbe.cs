namespace StackTests.Models.Prometheus;

/// <summary>
/// The stack's alert probe (compose/prometheus/rules/stack-alerts.yml, group alert-pipeline-probe): the
/// rule fires while someone pushes the metric, above 0, to the Pushgateway. The acceptance suite and the
/// canary push it under the job below to prove Prometheus -> Alertmanager -> receiver end to end.
/// </summary>
public static class AlertProbe
{
    /// <summary>The alerting rule's name.</summary>
    public const string Alert = "AlertPipelineProbe";

    /// <summary>The metric the rule reads.</summary>
    public const string Metric = "obstackd_alert_probe";

    /// <summary>The Pushgateway job the probe is pushed under.</summary>
    public const string Job = "obstackd-alert-probe";
}
