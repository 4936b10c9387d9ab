namespace StackTests.Browser;

/// <summary>
/// The order of the logs-to-trace-and-back journey through Explore. Each step needs the page the
/// step before it leaves; taking one out of order is a mistake in the caller, said at once.
/// </summary>
public sealed class ExploreJourney
{
    public enum Step { Started, LogsOpened, LogLineOpened, TraceOpened, LogsForSpanShown }

    private static readonly IReadOnlyDictionary<Step, string> Names = new Dictionary<Step, string>
    {
        [Step.Started] = "start",
        [Step.LogsOpened] = "open Explore on the logs",
        [Step.LogLineOpened] = "open the log line",
        [Step.TraceOpened] = "follow the line's trace link",
        [Step.LogsForSpanShown] = "follow the span's \"Logs for this span\" link",
    };

    public Step Current { get; private set; } = Step.Started;

    /// <summary>Checks that <paramref name="next"/> directly follows the step done last.</summary>
    public void Begin(Step next)
    {
        if (next == Current + 1) return;
        var expected = Current == Step.LogsForSpanShown ? "nothing: the journey is complete" : $"\"{Names[Current + 1]}\"";
        throw new InvalidOperationException($"cannot \"{Names[next]}\" now: after \"{Names[Current]}\" the journey's next step is {expected}");
    }

    /// <summary>Records that <paramref name="step"/> completed.</summary>
    public void Done(Step step) => Current = step;
}
