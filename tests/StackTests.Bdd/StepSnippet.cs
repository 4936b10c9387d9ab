using System.Text;
using System.Text.RegularExpressions;

namespace StackTests.Bdd;

/// <summary>The step definition to paste for an undefined step: quoted text and numbers become parameters.</summary>
public static partial class StepSnippet
{
    [GeneratedRegex("\"[^\"]*\"|'[^']*'|(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.])")]
    private static partial Regex Values();

    public static string For(ScenarioStep step)
    {
        var parameters = new List<string>();
        var expression = Values().Replace(EscapeExpression(step.Text), match =>
        {
            var value = match.Value;
            var (type, cucumber) = value[0] is '"' or '\'' ? ("string", "{string}")
                : value.Contains('.') ? ("double", "{float}")
                : ("int", "{int}");
            parameters.Add($"{type} {(type == "string" ? "text" : "number")}{parameters.Count + 1}");
            return cucumber;
        });
        if (step.Argument?.DataTable is not null) parameters.Add("DataTable table");
        if (step.Argument?.DocString is not null) parameters.Add("DocString docString");
        var attribute = step.Kind == StepKind.Any ? "Given" : step.Kind.ToString();
        var text = new StringBuilder();
        text.AppendLine("Bind it with:");
        text.AppendLine($"    [{attribute}(\"{expression.Replace("\\", "\\\\").Replace("\"", "\\\"")}\")]");
        text.Append($"    public void {MethodName(step.Text)}({string.Join(", ", parameters)})").AppendLine();
        text.Append("    {\n        throw new NotImplementedException();\n    }");
        return text.ToString();
    }

    // Characters with a meaning in Cucumber expressions are escaped so the text matches itself.
    private static string EscapeExpression(string text) =>
        Regex.Replace(text, @"[(){}/\\]", m => "\\" + m.Value);

    private static string MethodName(string text)
    {
        var name = new StringBuilder();
        foreach (var word in Values().Replace(text, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
            if (letters.Length > 0) name.Append(char.ToUpperInvariant(letters[0])).Append(letters[1..]);
        }
        var result = name.Length > 0 && char.IsLetter(name[0]) ? name.ToString() : "Step" + name;
        return result.Length > 60 ? result[..60] : result;
    }
}
