namespace StackTests.Bdd;

/// <summary>How a step or hook ended; the names and meanings of Cucumber's step statuses.</summary>
public enum StepStatus { Passed, Failed, Skipped, Undefined, Ambiguous }

/// <summary>How a scenario ended.</summary>
public enum ScenarioStatus { Passed, Failed, Skipped }

/// <summary>One step of a run: a scenario hook or a scenario step, with what became of it.</summary>
public sealed class TestStepRun
{
    private TestStepRun(HookBinding? hook, ScenarioStep? step, IReadOnlyList<StepMatch> matches)
    {
        Hook = hook;
        Step = step;
        Matches = matches;
    }

    public static TestStepRun ForHook(HookBinding hook) => new(hook, null, []);
    public static TestStepRun ForStep(ScenarioStep step, IReadOnlyList<StepMatch> matches) => new(null, step, matches);

    public string Id { get; } = Guid.NewGuid().ToString();
    public HookBinding? Hook { get; }
    public ScenarioStep? Step { get; }

    /// <summary>The definitions that matched the step: one when bound, none when undefined, several when ambiguous.</summary>
    public IReadOnlyList<StepMatch> Matches { get; }

    public StepStatus Status { get; internal set; } = StepStatus.Skipped;
    public DateTimeOffset Started { get; internal set; }
    public TimeSpan Duration { get; internal set; }

    /// <summary>Why it failed or was skipped.</summary>
    public string? Message { get; internal set; }
    public Exception? Error { get; internal set; }
    public List<Attachment> Attachments { get; } = [];

    public override string ToString() => $"{(Step?.ToString() ?? Hook?.ToString())}: {Status}";
}

/// <summary>The outcome of one scenario: each hook and step in order, and what to tell the test runner.</summary>
public sealed class ScenarioRun(ScenarioCase scenario, IReadOnlyList<TestStepRun> steps)
{
    private readonly List<string> _problems = [];

    public string TestCaseId { get; } = Guid.NewGuid().ToString();
    public string TestCaseStartedId { get; } = Guid.NewGuid().ToString();
    public ScenarioCase Scenario { get; } = scenario;
    public IReadOnlyList<TestStepRun> Steps { get; } = steps;
    public DateTimeOffset Started { get; internal set; }
    public DateTimeOffset Finished { get; internal set; }
    public Exception? Error { get; internal set; }
    public string? SkipReason { get; internal set; }

    /// <summary>What the scenario's result rests on (ScenarioContext.AddEvidence), one line each.</summary>
    public IReadOnlyList<string> Evidence { get; internal set; } = [];

    /// <summary>What went wrong, one paragraph each, in the order it happened.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public ScenarioStatus Status =>
        _problems.Count > 0 ? ScenarioStatus.Failed : SkipReason is not null ? ScenarioStatus.Skipped : ScenarioStatus.Passed;

    internal void Fail(string problem, Exception? error)
    {
        _problems.Add(problem);
        Error ??= error;
    }

    /// <summary>Throws StepFailedException naming each problem when the scenario failed.</summary>
    public void ThrowIfFailed()
    {
        if (Status == ScenarioStatus.Failed)
            throw new StepFailedException(string.Join("\n\n", _problems), Error);
    }

    public override string ToString() => $"{Scenario.DisplayName}: {Status}";
}

/// <summary>A BeforeTestRun or AfterTestRun hook that ran, for the report.</summary>
public sealed record TestRunHookRun(HookBinding Hook, DateTimeOffset Started, TimeSpan Duration, Exception? Error)
{
    public string Id { get; } = Guid.NewGuid().ToString();
}
