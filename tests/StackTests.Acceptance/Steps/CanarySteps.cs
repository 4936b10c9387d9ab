using System.Globalization;
using StackTests.Canary;

namespace StackTests.Acceptance.Steps;

/// <summary>
/// Scenarios that measure with the canary (run-tests.sh canary) on the scenario's stack: the same
/// probes, sends, restarts and bookkeeping, and its table in the scenario's output.
/// </summary>
[Binding]
public sealed class CanarySteps(ScenarioContext scenario, StackContext context)
{
    private CanaryReport? _report;

    [When("a canary sends {word} for {int} seconds at {int} per second, restarting {word} at {int} seconds")]
    public async Task CanaryWithRestart(string signal, int seconds, int rate, string service, int at)
    {
        if (!context.Stack.CanControlServices)
            scenario.Skip($"the {context.Stack.Provider} stack cannot restart {service}: it runs outside the suite's control; " +
                          "run this scenario with --stack local, testcontainers or compose");
        var options = CanaryOptions.Parse(
        [
            "--signals", signal, "--duration", $"{seconds}s", "--rate", $"{rate}/s",
            "--restart", $"{service}@{at}s", "--drain", "120s",
        ]);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 240));
        _report = await new CanaryMeasurement(options, scenario.Output).RunOnAsync(context.Stack, bound.Token);
        scenario.Output.Write(Report.ConsoleTable(_report));
    }

    [Then("the canary saw every {word} entry exactly once, in order")]
    public void EveryEntryOnceInOrder(string signal)
    {
        var report = _report ?? throw new InvalidOperationException("no canary ran in this scenario");
        // A restart that failed proves nothing about surviving one.
        report.Restarts.Where(r => r.Error is not null).Should().BeEmpty("the restart must have happened: {0}", string.Join("; ", report.RunFailures));
        var row = report.Signals.Single(s => s.Name == signal);
        if (!row.Measured) throw new InvalidOperationException($"{signal} was not measured: {row.NotMeasured}");
        var summary = row.Summary!;
        summary.Sent.Should().BeGreaterThan(0);
        (summary.Missing, summary.Duplicated, summary.OutOfOrder).Should().Be((0, 0, 0),
            "every {0} entry arrives once and in order across the restart (missing: {1})", signal, string.Join(", ", summary.MissingSample));
        if (summary.Visibility.Max is { } max)
            SignalTimings.Record(scenario, $"{signal} across a restart (slowest entry)", max);
        scenario.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{signal}: {summary.Received} of {summary.Sent} once, in order"));
    }
}
