using StackTests.Harness;

namespace StackTests.Canary;

/// <summary>The probes of the chosen signals on a stack, and the signals it cannot serve with why.</summary>
public static class ProbeChoice
{
    public static (List<SignalProbe> Probes, Dictionary<string, string> NotMeasured) For(CanaryOptions options, IStack stack)
    {
        var notMeasured = new Dictionary<string, string>();
        var probes = new List<SignalProbe>();
        foreach (var signal in options.Signals)
        {
            var missing = SignalProbe.ServicesOf(signal).FirstOrDefault(s => !stack.IsAvailable(s));
            if (missing is not null)
                notMeasured[signal] = $"needs {missing}: {stack.Unavailable(missing) ?? "not available"} (stack: {stack.Provider})";
            else if (signal == "container-logs" && stack.Provider is not ("testcontainers" or "compose"))
                notMeasured[signal] = $"needs a container of its own, which the {stack.Provider} stack cannot start";
            else
                probes.Add(signal switch
                {
                    "metrics" => new MetricsProbe(stack, TestRun.Id),
                    "iot" => new IotProbe(stack, TestRun.Id),
                    "alerts" => new AlertsProbe(stack, TestRun.Id),
                    "traces" => TracesProbe.ThroughCollector(stack, TestRun.Id),
                    "tempo-direct-traces" => TracesProbe.ToTempoDirectly(stack, TestRun.Id),
                    "otlp-metrics" => new OtlpMetricsProbe(stack, TestRun.Id),
                    "container-logs" => new ContainerLogsProbe(stack, TestRun.Id, options.Rate, (long)Math.Ceiling(options.Duration.TotalSeconds * options.Rate)),
                    _ => new LogsProbe(stack, TestRun.Id, options.Drain),
                });
        }
        return (probes, notMeasured);
    }
}
