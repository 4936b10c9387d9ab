using System.Text.RegularExpressions;
using CucumberExpressions;
using CucumberExpressions.Parsing;
using Library = CucumberExpressions;

namespace StackTests.Bdd;

/// <summary>One argument a step expression matched: its text, where it starts in the step text, its parameter type (null for a regex group).</summary>
public sealed record StepArgument(string? Value, int Start, ParameterType? Type);

/// <summary>
/// The text a step definition binds: a Cucumber expression, or a regular expression when the source
/// starts with ^ or ends with $ (or is written /like this/), as Cucumber.CucumberExpressions'
/// ExpressionFactory decides. Either way it matches the whole step text; its arguments are the
/// outermost capture groups, as in Cucumber.
/// </summary>
public abstract class StepExpression
{
    private readonly TreeRegexp _regexp;

    public string Source { get; }

    /// <summary>The regex the expression is matched with.</summary>
    public Regex Regex => _regexp.Regex;

    /// <summary>One entry per argument, in order: its parameter type, or null for a regex capture group.</summary>
    public IReadOnlyList<ParameterType?> Parameters { get; }

    public abstract bool IsRegularExpression { get; }

    private protected StepExpression(string source, Regex regex, IReadOnlyList<ParameterType?>? parameters = null)
    {
        Source = source;
        _regexp = new TreeRegexp(regex);
        Parameters = parameters ?? Enumerable.Repeat<ParameterType?>(null, _regexp.GroupBuilder.Children.Count()).ToList();
    }

    /// <summary>The expression, or a BindingException with the problem (Cucumber's own message) when it is malformed.</summary>
    public static StepExpression Create(string source, ParameterTypeRegistry parameterTypes) =>
        Build<StepExpression>(parameterTypes, () => new ExpressionFactory(parameterTypes).CreateExpression(source) switch
        {
            Library.CucumberExpression cucumber => new CucumberExpression(cucumber),
            var regular => new RegularExpression(source, regular.Regex),
        });

    // Runs Cucumber.CucumberExpressions, turning its complaint about an expression into a BindingException.
    private protected static T Build<T>(ParameterTypeRegistry parameterTypes, Func<T> build)
    {
        try { return build(); }
        catch (UndefinedParameterTypeException e)
        {
            throw new BindingException($"{e.Message}\nKnown parameter types: {string.Join(" ", parameterTypes.All.Select(t => t.ToString()))}");
        }
        catch (CucumberExpressionException e)
        {
            throw new BindingException(e.InnerException is { } inner ? $"{e.Message}: {inner.Message}" : e.Message);
        }
    }

    /// <summary>The arguments when the whole step text matches, else null.</summary>
    public IReadOnlyList<StepArgument>? Match(string text)
    {
        if (_regexp.Match(text) is not { } match) return null;
        var arguments = new StepArgument[Parameters.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var group = match.Children[i];
            arguments[i] = Parameters[i] is { IsQuoted: true } type && group.Value is { } quoted
                ? new StepArgument(Unquote(quoted), group.Start + 1, type)
                : new StepArgument(group.Value, group.Start, Parameters[i]);
        }
        return arguments;
    }

    // {string} matches "text" or 'text'; inside, \" (or \') stands for the quote.
    private static string Unquote(string quoted)
    {
        var quote = quoted[0];
        return quoted[1..^1].Replace("\\" + quote, quote.ToString());
    }

    public override string ToString() => Source;
}
