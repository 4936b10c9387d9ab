using System.Text;
using System.Text.RegularExpressions;
using CucumberExpressions.Generation;

namespace StackTests.Bdd;

/// <summary>
/// The step definition to paste for an undefined step: Cucumber.CucumberExpressions' generator turns
/// the text that parameter types match (quoted text, numbers, custom types with a regex) into parameters.
/// </summary>
public static partial class StepSnippet
{
    [GeneratedRegex(@"(?<!\\)\{[^{}]*\}")]
    private static partial Regex Parameter();

    public static string For(ScenarioStep step, ParameterTypeRegistry parameterTypes)
    {
        var generated = new CucumberExpressionGenerator(parameterTypes).GenerateExpressions(step.Text)[0];
        var expression = generated.GetSource();
        var parameters = generated.GetParameterTypes().Cast<ParameterType>()
            .Zip(generated.GetParameterNames(), (type, name) => $"{TypeNames.Of(type.Type)} {name}")
            .ToList();
        if (step.Argument?.DataTable is not null) parameters.Add("DataTable table");
        if (step.Argument?.DocString is not null) parameters.Add("DocString docString");
        var attribute = step.Kind == StepKind.Any ? "Given" : step.Kind.ToString();
        var text = new StringBuilder();
        text.AppendLine("Bind it with:");
        text.AppendLine($"    [{attribute}(\"{expression.Replace("\\", "\\\\").Replace("\"", "\\\"")}\")]");
        text.Append($"    public void {MethodName(expression)}({string.Join(", ", parameters)})").AppendLine();
        text.Append("    {\n        throw new NotImplementedException();\n    }");
        return text.ToString();
    }

    // The words of the expression without its parameters: "nothing binds {string} {int} times" is NothingBindsTimes.
    private static string MethodName(string expression)
    {
        var name = new StringBuilder();
        foreach (var word in Parameter().Replace(expression, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
            if (letters.Length > 0) name.Append(char.ToUpperInvariant(letters[0])).Append(letters[1..]);
        }
        var result = name.Length > 0 && char.IsLetter(name[0]) ? name.ToString() : "Step" + name;
        return result.Length > 60 ? result[..60] : result;
    }
}
