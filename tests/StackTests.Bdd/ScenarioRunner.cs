using System.Reflection;
using System.Text;

namespace StackTests.Bdd;

/// <summary>Runs one scenario: each step bound to exactly one definition, in order, stopping at the first failure.</summary>
public sealed class ScenarioRunner(BindingRegistry registry)
{
    public async Task RunAsync(ScenarioCase scenario, TextWriter output)
    {
        var context = new ScenarioContext(scenario, output);
        await using var container = new ScenarioContainer(context);
        foreach (var step in scenario.Steps)
        {
            var where = $"{scenario.Uri}:{step.Line}";
            var matches = registry.Match(step.Text);
            if (matches.Count == 0)
                throw new StepFailedException($"Undefined step \"{step.Keyword} {step.Text}\" at {where}.\n{Snippet(step)}");
            if (matches.Count > 1)
                throw new StepFailedException(
                    $"Ambiguous step \"{step.Keyword} {step.Text}\" at {where} matches:\n"
                    + string.Join("\n", matches.Select(m => "  " + m.Binding)));

            var (binding, arguments) = matches[0];
            var target = binding.Method.IsStatic ? null : container.Resolve(binding.Method.DeclaringType!);
            output.WriteLine($"{step.Keyword} {step.Text}");
            try
            {
                var result = binding.Method.Invoke(target, arguments);
                if (result is Task task) await task;
                else if (result is ValueTask valueTask) await valueTask;
            }
            catch (Exception e) when (Unwrap(e) is var inner && inner is not ScenarioSkippedException)
            {
                throw new StepFailedException($"Step \"{step.Keyword} {step.Text}\" at {where} failed: {inner.Message}", inner);
            }
            catch (Exception e) { throw Unwrap(e); }
        }
    }

    private static Exception Unwrap(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? inner : e;

    private static string Snippet(ScenarioStep step)
    {
        var keyword = step.Keyword is "And" or "But" or "*" ? "Given" : step.Keyword;
        var text = new StringBuilder();
        text.AppendLine("Bind it with:");
        text.AppendLine($"    [{keyword}(\"{step.Text.Replace("\"", "\\\"")}\")]");
        text.Append("    public void ").Append(new string(step.Text.Where(char.IsLetterOrDigit).Take(40).ToArray())).Append("() { }");
        return text.ToString();
    }
}
