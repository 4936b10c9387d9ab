using System.Globalization;

namespace StackTests.Acceptance;

/// <summary>
/// How long each signal took from being sent to being visible where it is queried. Each figure
/// goes to the scenario's output and, as a duration attachment named "time to visibility: SIGNAL",
/// into the Cucumber messages, the HTML report and the run's summary.
/// </summary>
public static class SignalTimings
{
    public static void Record(ScenarioContext scenario, string signal, TimeSpan elapsed)
    {
        scenario.Output.WriteLine($"{signal} visible after {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s");
        scenario.AttachDuration($"time to visibility: {signal}", elapsed);
    }
}
