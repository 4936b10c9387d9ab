using System.Diagnostics;
using System.Text;
using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

/// <summary>A step that does nothing, so that a run measures the engine alone.</summary>
[Binding]
public sealed class TrivialSteps
{
    [Given("step {int} of scenario {int}")]
    public void Step(int step, int scenario) { }
}

/// <summary>
/// Engine overhead per step: 1000 scenarios of 10 trivial steps, bound, converted, invoked and
/// recorded as for the report. Prints the figure; asserts only that every step ran, never a time.
/// </summary>
public sealed class EngineOverheadBenchmark
{
    [Fact]
    [Trait("Category", "benchmark")]
    public async Task Engine_overhead_per_step_on_1000_scenarios_of_10_steps()
    {
        const int scenarios = 1000, steps = 10;
        var text = new StringBuilder("Feature: Benchmark\n");
        for (var s = 0; s < scenarios; s++)
        {
            text.Append($"  Scenario: S{s}\n");
            for (var i = 0; i < steps; i++) text.Append($"    Given step {i} of scenario {s}\n");
        }
        // The other bindings are there so that matching looks through a realistic number of definitions.
        var registry = BindingRegistry.Of(typeof(TrivialSteps), typeof(RecordingSteps));

        var parse = Stopwatch.StartNew();
        var cases = FeatureSet.Compile("features/benchmark.feature", text.ToString());
        parse.Stop();
        var run = Stopwatch.StartNew();
        var passed = 0;
        foreach (var scenario in cases)
        {
            var result = await new ScenarioRunner(registry).RunAsync(scenario, TextWriter.Null);
            passed += result.Steps.Count(s => s.Status == StepStatus.Passed);
        }
        run.Stop();

        var perStep = run.Elapsed.TotalMicroseconds / (scenarios * steps);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"parse: {parse.ElapsedMilliseconds} ms for {scenarios * steps} steps; run: {run.ElapsedMilliseconds} ms; engine overhead: {perStep:F1} µs per step");
        passed.Should().Be(scenarios * steps);
    }
}
