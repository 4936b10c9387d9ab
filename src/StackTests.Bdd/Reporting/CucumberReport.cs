using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Io.Cucumber.Messages.Types;
using MessagesAttachment = Io.Cucumber.Messages.Types.Attachment;
using MessagesException = Io.Cucumber.Messages.Types.Exception;
using MessagesStepDefinition = Io.Cucumber.Messages.Types.StepDefinition;

namespace StackTests.Bdd.Reporting;

/// <summary>
/// The Cucumber messages of a test run (https://github.com/cucumber/messages): meta, each feature's
/// source, document and pickles, step definitions and hooks, then one test case per scenario run,
/// in the order the schema requires. Scenario runs are collected as they finish, from any thread.
/// </summary>
public sealed class CucumberReport(FeatureSet features, BindingRegistry registry)
{
    private readonly ConcurrentQueue<ScenarioRun> _runs = new();
    private readonly ConcurrentQueue<TestRunHookRun> _hookRuns = new();
    private readonly string _testRunStartedId = Guid.NewGuid().ToString();

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    public bool IsEmpty => _runs.IsEmpty;

    public void Add(ScenarioRun run) => _runs.Enqueue(run);

    public void Add(TestRunHookRun run) => _hookRuns.Enqueue(run);

    public IEnumerable<Envelope> Envelopes(DateTimeOffset finished)
    {
        var runs = Runs;
        var ran = runs.Select(r => r.Scenario.Pickle.Id).ToHashSet();

        yield return Envelope.Create(Meta());
        foreach (var file in features.Files)
        {
            yield return Envelope.Create(new Source(file.Uri, file.Source, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN));
            yield return Envelope.Create(file.Document);
            foreach (var scenario in file.Scenarios.Where(s => ran.Contains(s.Pickle.Id)))
                yield return Envelope.Create(scenario.Pickle);
        }
        foreach (var error in features.Errors)
            yield return Envelope.Create(new ParseError(
                new SourceReference(error.Uri, null, null, new Location(error.Line, null)), error.Message));
        foreach (var step in registry.Steps)
            yield return Envelope.Create(new MessagesStepDefinition(step.Id,
                new StepDefinitionPattern(step.Expression.Source,
                    step.Expression.IsRegularExpression ? StepDefinitionPatternType.REGULAR_EXPRESSION : StepDefinitionPatternType.CUCUMBER_EXPRESSION),
                Reference(step.Method)));
        foreach (var hook in registry.Hooks)
            if (HookType(hook.Kind) is { } type)
                yield return Envelope.Create(new Hook(hook.Id, hook.Method.Name, Reference(hook.Method),
                    hook.Tags.Count == 0 ? null : hook.TagExpressionText, type));

        yield return Envelope.Create(new TestRunStarted(Timestamp(Started), _testRunStartedId));
        foreach (var envelope in _hookRuns.Where(h => h.Hook.Kind == HookKind.BeforeTestRun).SelectMany(TestRunHookEnvelopes))
            yield return envelope;
        foreach (var run in runs)
            foreach (var envelope in TestCaseEnvelopes(run))
                yield return envelope;
        foreach (var envelope in _hookRuns.Where(h => h.Hook.Kind == HookKind.AfterTestRun).SelectMany(TestRunHookEnvelopes))
            yield return envelope;
        var success = runs.All(r => r.Status != ScenarioStatus.Failed) && features.Errors.Count == 0 && _hookRuns.All(h => h.Error is null);
        yield return Envelope.Create(new TestRunFinished(
            success ? null : $"{runs.Count(r => r.Status == ScenarioStatus.Failed)} scenario(s) failed, {features.Errors.Count} feature file(s) did not parse",
            success, Timestamp(finished), null, _testRunStartedId));
    }

    /// <summary>The scenario runs collected so far, in the order they started.</summary>
    public IReadOnlyList<ScenarioRun> Runs => _runs.OrderBy(r => r.Started).ToList();

    /// <summary>
    /// Writes the run's reports into the folder: cucumber.ndjson (the messages), summary.md and
    /// summary.txt (RunSummary), and cucumber.html (the messages rendered by HtmlReport).
    /// </summary>
    public async Task WriteAsync(string directory, DateTimeOffset finished)
    {
        var envelopes = Envelopes(finished).ToList();
        WriteNdjson(Path.Combine(directory, "cucumber.ndjson"), envelopes);
        new RunSummary(Runs).WriteTo(directory);
        await HtmlReport.WriteAsync(Path.Combine(directory, "cucumber.html"), envelopes);
    }

    public void WriteNdjson(string path, DateTimeOffset finished) => WriteNdjson(path, Envelopes(finished));

    private static void WriteNdjson(string path, IEnumerable<Envelope> envelopes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        foreach (var envelope in envelopes) writer.Write(MessageJson.Serialize(envelope) + "\n");
    }

    private IEnumerable<Envelope> TestCaseEnvelopes(ScenarioRun run)
    {
        var testSteps = run.Steps.Select(t => t.Hook is { } hook
            ? new TestStep(hook.Id, t.Id, null, null, null)
            : new TestStep(null, t.Id, t.Step!.PickleStepId,
                t.Matches.Select(m => m.Binding.Id).ToList(),
                t.Matches.Select(m => new StepMatchArgumentsList(m.Arguments.Select(Argument).ToList())).ToList())).ToList();
        yield return Envelope.Create(new TestCase(run.TestCaseId, run.Scenario.Pickle.Id, testSteps, _testRunStartedId));
        yield return Envelope.Create(new TestCaseStarted(0, run.TestCaseStartedId, run.TestCaseId, null, Timestamp(run.Started)));
        var clock = run.Started;
        foreach (var step in run.Steps)
        {
            // A step that never ran is reported at the time the previous one ended.
            var started = step.Started == default ? clock : step.Started;
            clock = started + step.Duration;
            yield return Envelope.Create(new TestStepStarted(run.TestCaseStartedId, step.Id, Timestamp(started)));
            foreach (var attachment in step.Attachments)
                yield return Envelope.Create(new MessagesAttachment(
                    attachment.IsText ? attachment.Text : Convert.ToBase64String(attachment.Content),
                    attachment.IsText ? AttachmentContentEncoding.IDENTITY : AttachmentContentEncoding.BASE64,
                    attachment.Name == "log" && attachment.MediaType == ScenarioRunner.LogMediaType ? null : attachment.Name,
                    attachment.MediaType, null, run.TestCaseStartedId, step.Id, null, null, null, Timestamp(started)));
            yield return Envelope.Create(new TestStepFinished(run.TestCaseStartedId, step.Id, Result(step), Timestamp(clock)));
        }
        yield return Envelope.Create(new TestCaseFinished(run.TestCaseStartedId, Timestamp(run.Finished), false));
    }

    private IEnumerable<Envelope> TestRunHookEnvelopes(TestRunHookRun run)
    {
        yield return Envelope.Create(new TestRunHookStarted(run.Id, _testRunStartedId, run.Hook.Id, null, Timestamp(run.Started)));
        var result = new TestStepResult(Duration(run.Duration), run.Error?.Message,
            run.Error is null ? TestStepResultStatus.PASSED : TestStepResultStatus.FAILED,
            ExceptionOf(run.Error));
        yield return Envelope.Create(new TestRunHookFinished(run.Id, result, Timestamp(run.Started + run.Duration)));
    }

    private static TestStepResult Result(TestStepRun step) => new(
        Duration(step.Duration),
        step.Message,
        step.Status switch
        {
            StepStatus.Passed => TestStepResultStatus.PASSED,
            StepStatus.Failed => TestStepResultStatus.FAILED,
            StepStatus.Undefined => TestStepResultStatus.UNDEFINED,
            StepStatus.Ambiguous => TestStepResultStatus.AMBIGUOUS,
            _ => TestStepResultStatus.SKIPPED,
        },
        ExceptionOf(step.Error));

    // stackTrace is the platform's stringified exception, header line (type and message) included, as
    // cucumber-js gives error.stack: Cucumber's HTML report shows it alone when it is there.
    private static MessagesException? ExceptionOf(System.Exception? e) =>
        e is null ? null : new MessagesException(e.GetType().FullName, e.Message, e.ToString());

    private static StepMatchArgument Argument(StepArgument argument) =>
        new(new Group([], argument.Value is null ? null : argument.Start, argument.Value), argument.Type?.Name);

    private static HookType? HookType(HookKind kind) => kind switch
    {
        HookKind.BeforeTestRun => Io.Cucumber.Messages.Types.HookType.BEFORE_TEST_RUN,
        HookKind.AfterTestRun => Io.Cucumber.Messages.Types.HookType.AFTER_TEST_RUN,
        HookKind.BeforeScenario => Io.Cucumber.Messages.Types.HookType.BEFORE_TEST_CASE,
        HookKind.AfterScenario => Io.Cucumber.Messages.Types.HookType.AFTER_TEST_CASE,
        HookKind.BeforeStep => Io.Cucumber.Messages.Types.HookType.BEFORE_TEST_STEP,
        HookKind.AfterStep => Io.Cucumber.Messages.Types.HookType.AFTER_TEST_STEP,
        _ => null,
    };

    // .NET methods are referenced the way Reqnroll does it: class, method and parameter types.
    private static SourceReference Reference(MethodInfo method) =>
        SourceReference.Create(new JavaMethod(method.DeclaringType?.FullName ?? "", method.Name,
            method.GetParameters().Select(p => p.ParameterType.FullName ?? p.ParameterType.Name).ToList()));

    private static Meta Meta()
    {
        var messages = typeof(Envelope).Assembly.GetName().Version!;
        var engine = typeof(CucumberReport).Assembly.GetName().Version!;
        return new Meta(
            $"{messages.Major}.{messages.Minor}.{messages.Build}",
            new Product("StackTests.Bdd", engine.ToString(3)),
            new Product(".NET", Environment.Version.ToString()),
            new Product(RuntimeInformation.OSDescription, null),
            new Product(RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(), null),
            null);
    }

    private static Timestamp Timestamp(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new Timestamp(ticks / TimeSpan.TicksPerSecond, ticks % TimeSpan.TicksPerSecond * 100);
    }

    private static Duration Duration(TimeSpan duration) =>
        new(duration.Ticks / TimeSpan.TicksPerSecond, duration.Ticks % TimeSpan.TicksPerSecond * 100);
}
