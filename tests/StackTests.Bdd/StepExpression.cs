using System.Text.RegularExpressions;

namespace StackTests.Bdd;

/// <summary>One argument a step expression matched: its text, where it starts in the step text, its parameter type (null for a regex group).</summary>
public sealed record StepArgument(string? Value, int Start, ParameterType? Type);

/// <summary>
/// The text a step definition binds: a Cucumber expression, or a regular expression when the
/// source starts with ^ or ends with $ (as in Cucumber). Either way it is one anchored regex.
/// </summary>
public abstract class StepExpression
{
    private protected readonly Regex Regex;

    public string Source { get; }

    /// <summary>One entry per argument, in order: its parameter type, or null for a regex capture group.</summary>
    public IReadOnlyList<ParameterType?> Parameters { get; }

    public abstract bool IsRegularExpression { get; }

    private protected StepExpression(string source, Regex regex, IReadOnlyList<ParameterType?> parameters)
    {
        Source = source;
        Regex = regex;
        Parameters = parameters;
    }

    public static StepExpression Create(string source, IReadOnlyDictionary<string, ParameterType> parameterTypes) =>
        source.StartsWith('^') || source.EndsWith('$')
            ? new RegularExpression(source)
            : new CucumberExpression(source, parameterTypes);

    /// <summary>The arguments when the whole step text matches, else null.</summary>
    public abstract IReadOnlyList<StepArgument>? Match(string text);

    public override string ToString() => Source;
}
