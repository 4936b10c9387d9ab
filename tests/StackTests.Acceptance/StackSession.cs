
namespace StackTests.Acceptance;

/// <summary>
/// The one stack of this test run: started by the first scenario that needs it, shared by all,
/// stopped after the last. A stack that failed to start fails every scenario with the same reason
/// instead of being retried. A failed scenario gets the recent logs of the stack's services.
/// </summary>
[Binding]
public sealed class StackSession
{
    private const int LogLinesPerService = 30;

    private static readonly Lazy<Task<IStack>> Stack = new(StartAsync);

    public static Task<IStack> GetAsync() => Stack.Value;

    /// <summary>Whether the stack has started (and did not fail to).</summary>
    public static bool IsStarted => Stack.IsValueCreated && Stack.Value.IsCompletedSuccessfully;

    private static async Task<IStack> StartAsync()
    {
        // The scenario that happens to start the stack did not ask the services its readiness probes reach.
        ServiceCalls.Detach();
        try
        {
            // Only what the selected scenarios need (their @needs-* tags), and what that depends on.
            var selected = GherkinSuite.For(typeof(Features).Assembly).Tests()
                .Where(t => t.Error is null && t.SkipReason is null).Select(t => t.Tags);
            var wanted = ScenarioNeeds.ServicesFor(selected);
            var stack = StackFactory.Create(SuiteSettings.Current.Stack, SuiteSettings.Current.Profiles, TestRun.Directory, wanted);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await stack.StartAsync(timeout.Token);
            await WriteStartReportAsync(stack, clock.Elapsed, wanted ?? []);
            return stack;
        }
        catch (Exception e)
        {
            // run-tests.sh exits with its own code when the stack, not a scenario, failed.
            var reports = SuiteSettings.Current.ReportDirectory;
            Directory.CreateDirectory(reports);
            await File.WriteAllTextAsync(Path.Combine(reports, "stack-start-failure.txt"), e.Message + Environment.NewLine);
            throw;
        }
    }

    // The provider's notes and each service's time to ready: printed by run-tests.sh, kept in the reports.
    // A service the scenarios asked for that the stack cannot supply is listed with the reason.
    private static async Task WriteStartReportAsync(IStack stack, TimeSpan elapsed, IEnumerable<string> wanted)
    {
        var lines = new List<string> { $"{stack.Provider} stack: {string.Join(", ", stack.RunningServices)} ready in {elapsed.TotalSeconds:0.0} s" };
        if (StackFactory.AutoChosen is { } auto) lines.Insert(0, auto.Why);
        lines.AddRange(stack.ReadyAfter.OrderBy(r => r.Key).Select(r => $"  {r.Key}: ready {r.Value.TotalSeconds:0.00} s after its start"));
        lines.AddRange(wanted.Where(s => !stack.IsAvailable(s)).Order(StringComparer.Ordinal)
            .Select(s => $"  {s}: not available ({stack.Unavailable(s)})"));
        lines.AddRange(stack.Notes.Select(n => $"  note: {n}"));
        var reports = SuiteSettings.Current.ReportDirectory;
        Directory.CreateDirectory(reports);
        await File.WriteAllLinesAsync(Path.Combine(reports, "stack-start.txt"), lines);
    }

    /// <summary>Attaches the last log lines of every service the stack runs to a failed scenario.</summary>
    [AfterScenario]
    public async Task AttachLogsOfAFailure(ScenarioContext scenario)
    {
        if (scenario.Error is null or ScenarioSkippedException) return;
        if (!Stack.IsValueCreated || !Stack.Value.IsCompletedSuccessfully) return;
        var report = await StackDiagnostics.RecentLogsAsync(Stack.Value.Result, lines: LogLinesPerService);
        scenario.Attach("service logs", report);
        scenario.Output.WriteLine(report);
    }

    [AfterTestRun]
    public static async Task StopStack()
    {
        if (Stack.IsValueCreated && Stack.Value.IsCompletedSuccessfully)
            await Stack.Value.Result.DisposeAsync();
    }
}
