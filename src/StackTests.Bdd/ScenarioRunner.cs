using System.Diagnostics;
using System.Reflection;

namespace StackTests.Bdd;

/// <summary>
/// Runs one scenario. Every step is bound before anything runs: an undefined or ambiguous step fails
/// the scenario without running a single step or hook. Then: BeforeScenario hooks, each step
/// (between BeforeStep and AfterStep hooks), AfterScenario hooks. After the first failure or skip the
/// remaining steps are skipped; AfterScenario hooks always run. In a dry run only the binding happens.
/// With failOnSkip, a scenario that skips itself fails instead, with the skip's reason.
/// </summary>
public sealed class ScenarioRunner(BindingRegistry registry, bool dryRun = false, bool failOnSkip = false)
{
    public const string LogMediaType = "text/x.cucumber.log+plain";

    public async Task<ScenarioRun> RunAsync(ScenarioCase scenario, TextWriter output, FeatureContext? feature = null)
    {
        var run = Plan(scenario);
        run.Started = DateTimeOffset.UtcNow;
        try
        {
            if (!Bind(run) || dryRun) return run;
            await ExecuteAsync(run, output, feature);
            return run;
        }
        finally { run.Finished = DateTimeOffset.UtcNow; }
    }

    private ScenarioRun Plan(ScenarioCase scenario)
    {
        var steps = registry.HooksFor(HookKind.BeforeScenario, scenario.Tags).Select(TestStepRun.ForHook)
            .Concat(scenario.Steps.Select(s => TestStepRun.ForStep(s, registry.Match(s.Text, s.Kind))))
            .Concat(registry.HooksFor(HookKind.AfterScenario, scenario.Tags).Select(TestStepRun.ForHook))
            .ToList();
        return new ScenarioRun(scenario, steps);
    }

    // Finds each step's one definition and checks its arguments convert; false when any step cannot run.
    private bool Bind(ScenarioRun run)
    {
        foreach (var test in run.Steps.Where(t => t.Step is not null))
        {
            var step = test.Step!;
            var where = $"{run.Scenario.Uri}:{step.Line}";
            switch (test.Matches.Count)
            {
                case 0:
                    test.Status = StepStatus.Undefined;
                    var others = registry.MatchOtherKeywords(step.Text, step.Kind);
                    var hint = others.Count > 0
                        ? $"\n{string.Join("\n", others.Select(o => $"  {o} matches the text but binds {o.Kind} steps; this is a {step.Kind} step ([StepDefinition] binds any keyword)"))}"
                        : registry.Errors.Count > 0 ? $"\n  {registry.Errors.Count} binding(s) could not be used; see the test 'Binding errors'." : "";
                    run.Fail($"Undefined step \"{step}\" at {where}.{hint}\n{StepSnippet.For(step, registry.ParameterTypes)}", null);
                    break;
                case > 1:
                    test.Status = StepStatus.Ambiguous;
                    run.Fail($"Ambiguous step \"{step}\" at {where} matches {test.Matches.Count} definitions:\n"
                        + string.Join("\n", test.Matches.Select(m => "  " + m.Binding)), null);
                    break;
                default:
                    var problem = ArgumentMismatch(test);
                    if (problem is null && dryRun) TryArguments(test, DryRunResolve, out problem);
                    if (problem is not null)
                    {
                        test.Status = StepStatus.Failed;
                        test.Message = problem;
                        run.Fail($"Step \"{step}\" at {where}: {problem}", null);
                    }
                    break;
            }
        }
        return run.Problems.Count == 0;
    }

    private static string? ArgumentMismatch(TestStepRun test)
    {
        var (binding, step) = (test.Matches[0].Binding, test.Step!);
        var what = step.Argument?.DataTable is not null ? "a data table" : step.Argument?.DocString is not null ? "a doc string" : null;
        if (what is not null && !binding.TakesStepArgument)
            return $"the step has {what} but {binding} takes no parameter for it";
        if (what is null && binding.TakesStepArgument)
            return $"{binding} takes a data table or doc string as its last parameter, but the step has none";
        return null;
    }

    private async Task ExecuteAsync(ScenarioRun run, TextWriter sink, FeatureContext? feature)
    {
        TestStepRun? current = null;
        var log = new List<string>();
        var output = new ScenarioOutput(sink, log.Add);
        var context = new ScenarioContext(run.Scenario, output, feature) { Attached = a => current?.Attachments.Add(a) };
        var container = new ScenarioContainer(context);
        var stopped = false;

        foreach (var test in run.Steps)
        {
            current = test;
            var isAfterHook = test.Hook?.Kind == HookKind.AfterScenario;
            if (stopped && !isAfterHook) continue;
            test.Started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            context.CurrentStep = test.Step;
            if (test.Step is { } step) sink.WriteLine($"{step.Keyword} {step.Text}");

            var error = test.Hook is { } hook
                ? await InvokeAsync(hook.Method, container, arguments: null)
                : await RunStepAsync(test, container, context);

            test.Duration = clock.Elapsed;
            output.Flush();
            if (log.Count > 0)
            {
                test.Attachments.Add(new Attachment("log", LogMediaType, System.Text.Encoding.UTF8.GetBytes(string.Join("\n", log)), IsText: true));
                log.Clear();
            }
            Record(run, test, error, context);
            if (error is not null) stopped = true;
        }

        current = null;
        context.CurrentStep = null;
        run.Evidence = context.Evidence.ToList();
        try { await container.DisposeAsync(); }
        catch (Exception e) { run.Fail($"Disposing the objects of scenario {run.Scenario.Location} failed: {e.Message}", e); }
    }

    // A step between its BeforeStep and AfterStep hooks; the first error wins, AfterStep hooks always run.
    private async Task<Exception?> RunStepAsync(TestStepRun test, ScenarioContainer container, ScenarioContext context)
    {
        Exception? error = null;
        foreach (var hook in registry.HooksFor(HookKind.BeforeStep, context.Tags))
        {
            error = await InvokeAsync(hook.Method, container, arguments: null);
            if (error is not null) break;
        }
        if (error is null)
        {
            if (!TryArguments(test, container.Resolve, out var problem, out var arguments))
                error = new ArgumentConversionException(problem!);
            else
                error = await InvokeAsync(test.Matches[0].Binding.Method, container, arguments);
        }
        foreach (var hook in registry.HooksFor(HookKind.AfterStep, context.Tags))
        {
            var hookError = await InvokeAsync(hook.Method, container, arguments: null);
            error ??= hookError;
        }
        return error;
    }

    private void Record(ScenarioRun run, TestStepRun test, Exception? error, ScenarioContext context)
    {
        if (error is ScenarioSkippedException skip && failOnSkip)
            error = new ScenarioSkippedException($"skipped, and a skip counts as a failure in this run (--fail-on-skip): {skip.Message}");
        switch (error)
        {
            case null:
                test.Status = StepStatus.Passed;
                break;
            case ScenarioSkippedException skipped when failOnSkip:
                test.Status = StepStatus.Failed;
                test.Message = skipped.Message;
                context.Error ??= skipped;
                run.Fail($"Scenario \"{run.Scenario.Name}\" at {run.Scenario.Location} {skipped.Message}", skipped);
                break;
            case ScenarioSkippedException skipped:
                test.Status = StepStatus.Skipped;
                test.Message = skipped.Message;
                run.SkipReason ??= skipped.Message;
                break;
            default:
                test.Status = StepStatus.Failed;
                test.Error = error;
                test.Message = error.Message;
                context.Error ??= error;
                run.Fail(test.Step is { } step
                    ? $"Step \"{step}\" at {run.Scenario.Uri}:{step.Line} failed: {error.Message}"
                    : $"{test.Hook} failed for scenario \"{run.Scenario.Name}\" at {run.Scenario.Location}: {error.Message}", error);
                break;
        }
    }

    private bool TryArguments(TestStepRun test, Func<Type, object> resolve, out string? problem) =>
        TryArguments(test, resolve, out problem, out _);

    private bool TryArguments(TestStepRun test, Func<Type, object> resolve, out string? problem, out object?[] arguments)
    {
        var (binding, values) = (test.Matches[0].Binding, test.Matches[0].Arguments);
        var parameters = binding.Method.GetParameters();
        arguments = new object?[parameters.Length];
        try
        {
            for (var i = 0; i < values.Count; i++)
            {
                arguments[i] = values[i].Type?.Transformation is { } transformation
                    ? transformation.Invoke(values[i].Value, resolve)
                    : registry.Converter.ConvertText(values[i].Value, parameters[i].ParameterType, resolve);
            }
            if (binding.TakesStepArgument) arguments[^1] = StepArgument(test.Step!, parameters[^1].ParameterType, resolve);
            problem = null;
            return true;
        }
        catch (DryRunSkip)
        {
            problem = null;
            return true;
        }
        catch (Exception e)
        {
            // A conversion error, or a transformation whose class cannot be created.
            problem = $"cannot convert its arguments for {binding}: {e.Message}";
            return false;
        }
    }

    private object? StepArgument(ScenarioStep step, Type type, Func<Type, object> resolve)
    {
        if (step.DocString is { } doc)
            return type == typeof(DocString) ? doc : type == typeof(string) ? doc.Content : registry.Converter.ConvertText(doc.Content, type, resolve);
        if (step.DataTable is { } table) return registry.Converter.ConvertTable(table, type, resolve);
        return null;
    }

    // Hooks pass no arguments: their parameters are injected like constructor parameters.
    private static async Task<Exception?> InvokeAsync(MethodInfo method, ScenarioContainer container, object?[]? arguments)
    {
        try
        {
            var target = method.IsStatic ? null : container.Resolve(method.DeclaringType!);
            arguments ??= method.GetParameters().Select(p => container.Resolve(p.ParameterType)).ToArray();
            var result = method.Invoke(target, arguments);
            if (result is Task task) await task;
            else if (result is ValueTask valueTask) await valueTask;
            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null) { return e.InnerException; }
        catch (Exception e) { return e; }
    }

    // In a dry run nothing is instantiated: conversions through instance transformations are not tried.
    private static object DryRunResolve(Type type) => throw new DryRunSkip();

    private sealed class DryRunSkip : Exception;
}
