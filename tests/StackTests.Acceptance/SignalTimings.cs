using System.Globalization;

namespace StackTests.Acceptance;

/// <summary>
/// How long each signal took from being sent to being visible where it is queried. Each figure
/// goes to the scenario's output and to signal-timings.tsv in the report folder, which
/// run-tests.sh prints at the end of a run.
/// </summary>
public static class SignalTimings
{
    private static readonly object Gate = new();

    public static void Record(ScenarioContext scenario, string signal, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        scenario.Output.WriteLine($"{signal} visible after {seconds}s");
        var folder = SuiteSettings.Current.ReportDirectory;
        lock (Gate)
        {
            Directory.CreateDirectory(folder);
            File.AppendAllText(Path.Combine(folder, "signal-timings.tsv"), $"{scenario.Title}\t{signal}\t{seconds}\n");
        }
    }
}
