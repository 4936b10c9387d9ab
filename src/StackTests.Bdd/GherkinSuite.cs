using System.Collections.Concurrent;
using System.Reflection;
using StackTests.Bdd.Reporting;
using Xunit;

namespace StackTests.Bdd;

/// <summary>
/// The scenarios of a features folder, run with the bindings of one test assembly: one test per
/// scenario (see ScenariosAttribute). Also runs the test run and feature hooks, and writes the
/// reports when the test run ends (cucumber.ndjson, cucumber.html, summary.md: see CucumberReport.WriteAsync).
/// </summary>
public sealed class GherkinSuite
{
    private static readonly ConcurrentDictionary<Assembly, Lazy<GherkinSuite>> Suites = new();

    private readonly Dictionary<string, ScenarioCase> _scenarios;
    private readonly Lazy<Task> _beforeTestRun;
    private readonly SemaphoreSlim _featureGate = new(1, 1);
    private readonly CucumberReport _report;
    private readonly string? _tagError;
    private readonly TagExpression _tags;
    // Features may run side by side (one xunit collection each): each keeps its own hook state, and
    // its AfterFeature hooks run when its last scenario of this run has finished.
    private readonly Dictionary<string, FeatureState> _features = new(StringComparer.Ordinal);

    private sealed class FeatureState(FeatureContext context, Exception? failure, int remaining)
    {
        public FeatureContext Context { get; } = context;
        public Exception? Failure { get; } = failure;
        public int Remaining { get; set; } = remaining;
        public bool Ended { get; set; }
    }

    public RunSettings Settings { get; }
    public FeatureSet Features { get; }
    public BindingRegistry Registry { get; }

    /// <summary>The suite of the [Binding] classes of one assembly.</summary>
    public GherkinSuite(Assembly bindings, RunSettings settings) : this(new BindingRegistry([bindings]), settings) { }

    public GherkinSuite(BindingRegistry registry, RunSettings settings)
    {
        Settings = settings;
        Features = FeatureSet.Load(settings.FeaturesFolder, Path.GetDirectoryName(settings.FeaturesFolder)!);
        _scenarios = Features.Scenarios.ToDictionary(s => s.Id);
        Registry = registry;
        _report = new CucumberReport(Features, Registry);
        _beforeTestRun = new Lazy<Task>(() => RunStaticHooksAsync(HookKind.BeforeTestRun, [], null));
        try { _tags = TagExpression.Parse(settings.Tags); }
        catch (FormatException e)
        {
            _tags = TagExpression.Any;
            _tagError = $"tag expression '{settings.Tags}': {e.Message}";
        }
    }

    public static GherkinSuite For(Assembly bindings) =>
        Suites.GetOrAdd(bindings, a => new Lazy<GherkinSuite>(() => new GherkinSuite(a, RunSettings.Of(a)))).Value;

    /// <summary>
    /// The tests of this suite: one per scenario selected by the tag expression of its settings, and one failing entry per
    /// feature file that does not parse (listing each problem), for binding errors, and for a tag expression that does not parse.
    /// </summary>
    public IEnumerable<SuiteTest> Tests()
    {
        if (_tagError is not null) yield return SuiteTest.Failure("!tags", "Tag expression error", _tagError);
        foreach (var file in Features.Errors.GroupBy(e => e.Uri))
        {
            var first = file.First();
            yield return SuiteTest.Failure($"!{first.Uri}", $"Feature file error [{first.Uri}:{first.Line}]", string.Join("\n", file));
        }
        if (Registry.Errors.Count > 0)
            yield return SuiteTest.Failure("!bindings", $"Binding errors [{Registry.Errors.Count}]",
                $"{Registry.Errors.Count} binding(s) cannot be used:\n" + Registry.ErrorList());
        foreach (var scenario in Features.Scenarios.Where(s => _tags.Matches(s.Tags)))
            yield return new SuiteTest(scenario.Id, scenario.DisplayName, scenario.Tags,
                scenario.Tags.Contains("ignore") && !Settings.DryRun && !Settings.FailOnSkip ? "tagged @ignore" : null, null);
    }

    public async Task RunAsync(string id)
    {
        if (!_scenarios.TryGetValue(id, out var scenario))
            throw new FeatureFileException($"scenario {id} is no longer in the features folder; rebuild and run again");

        if (Settings.DryRun)
        {
            (await new ScenarioRunner(Registry, dryRun: true).RunAsync(scenario, TextWriter.Null)).ThrowIfFailed();
            return;
        }

        if (scenario.Tags.Contains("ignore"))
            Assert.Fail($"{scenario.DisplayName} is tagged @ignore, and a skip counts as a failure in this run (--fail-on-skip)");
        await _beforeTestRun.Value;
        var feature = await EnterFeatureAsync(scenario.Feature);
        ScenarioRun run;
        try
        {
            run = await new ScenarioRunner(Registry, failOnSkip: Settings.FailOnSkip).RunAsync(scenario, new TestOutputWriter(), feature);
            _report.Add(run);
        }
        finally { await LeaveFeatureAsync(scenario.Feature); }
        run.ThrowIfFailed();
        if (run.Status == ScenarioStatus.Skipped) Assert.Skip(run.SkipReason!);
    }

    /// <summary>Ends the test run of every suite that ran a scenario: AfterFeature and AfterTestRun hooks, then the report.</summary>
    internal static async Task FinishAllAsync()
    {
        var failures = new List<Exception>();
        foreach (var suite in Suites.Values.Where(s => s.IsValueCreated).Select(s => s.Value))
        {
            try { await suite.FinishAsync(); }
            catch (Exception e) { failures.Add(e); }
        }
        if (failures.Count > 0) throw new AggregateException("ending the test run failed", failures);
    }

    public async Task FinishAsync()
    {
        if (!_beforeTestRun.IsValueCreated) return;
        var failures = new List<Exception>();
        // Features whose scenarios a filter left out of the run end here.
        foreach (var open in _features.Values.Where(f => !f.Ended))
        {
            open.Ended = true;
            await Capture(failures, () => RunStaticHooksAsync(HookKind.AfterFeature, open.Context.Tags, open.Context));
        }
        await Capture(failures, () => RunStaticHooksAsync(HookKind.AfterTestRun, [], null));
        if (!_report.IsEmpty)
            await _report.WriteAsync(Settings.ReportDirectory, DateTimeOffset.UtcNow);
        if (failures.Count > 0) throw new AggregateException("after-test-run hooks failed", failures);
    }

    // The first scenario of a feature runs its BeforeFeature hooks; a failure there fails every scenario of the feature.
    private async Task<FeatureContext> EnterFeatureAsync(FeatureInfo feature)
    {
        await _featureGate.WaitAsync();
        try
        {
            if (!_features.TryGetValue(feature.Uri, out var state))
            {
                var context = new FeatureContext(feature);
                Exception? failure = null;
                try { await RunStaticHooksAsync(HookKind.BeforeFeature, feature.Tags, context); }
                catch (Exception e) { failure = e; }
                var scenarios = Tests().Count(t => t.Error is null && t.SkipReason is null && ScenarioOrderer.PlaceOf(t.Id).Uri == feature.Uri);
                _features[feature.Uri] = state = new FeatureState(context, failure, scenarios);
            }
            if (state.Failure is { } f)
                throw new StepFailedException($"a BeforeFeature hook of \"{feature.Name}\" ({feature.Uri}) failed: {f.Message}", f);
            return state.Context;
        }
        finally { _featureGate.Release(); }
    }

    // The last scenario of a feature in this run runs its AfterFeature hooks.
    private async Task LeaveFeatureAsync(FeatureInfo feature)
    {
        await _featureGate.WaitAsync();
        try
        {
            var state = _features[feature.Uri];
            if (--state.Remaining > 0 || state.Ended) return;
            state.Ended = true;
            await RunStaticHooksAsync(HookKind.AfterFeature, feature.Tags, state.Context);
        }
        finally { _featureGate.Release(); }
    }

    private async Task RunStaticHooksAsync(HookKind kind, IReadOnlyList<string> tags, FeatureContext? feature)
    {
        foreach (var hook in Registry.HooksFor(kind, tags))
        {
            var started = DateTimeOffset.UtcNow;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Exception? error = null;
            try
            {
                var arguments = hook.Method.GetParameters().Select(_ => (object?)feature).ToArray();
                var result = hook.Method.Invoke(null, arguments);
                if (result is Task task) await task;
                else if (result is ValueTask valueTask) await valueTask;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null) { error = e.InnerException; }
            catch (Exception e) { error = e; }
            if (kind is HookKind.BeforeTestRun or HookKind.AfterTestRun)
                _report.Add(new TestRunHookRun(hook, started, clock.Elapsed, error));
            if (error is not null) throw new StepFailedException($"{hook} failed: {error.Message}", error);
        }
    }

    private static async Task Capture(List<Exception> failures, Func<Task> action)
    {
        try { await action(); }
        catch (Exception e) { failures.Add(e); }
    }
}
