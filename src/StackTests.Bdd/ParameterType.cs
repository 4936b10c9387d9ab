using System.Numerics;
using CucumberExpressions;

namespace StackTests.Bdd;

/// <summary>
/// A Cucumber expression parameter type such as {int}: the text it matches (one or more regexes) and
/// the CLR type it naturally gives. A custom one ([StepArgumentTransformation] with a name) converts
/// through its method. Cucumber.CucumberExpressions reads it through <see cref="IParameterType"/>.
/// </summary>
public sealed class ParameterType(string name, IReadOnlyList<string> regexes, Type type,
    Transformation? transformation = null, bool useForSnippets = false, int weight = 0) : IParameterType
{
    private readonly string[] _regexes = [.. regexes];

    public string Name { get; } = name;
    public IReadOnlyList<string> Regexes => _regexes;
    public Type Type { get; } = type;
    public Transformation? Transformation { get; } = transformation;

    /// <summary>Whether an undefined step's snippet may use this type for text it matches.</summary>
    public bool UseForSnippets { get; } = useForSnippets;

    /// <summary>Which type a snippet prefers when several match the same text ({int} over {float} for "3").</summary>
    public int Weight { get; } = weight;

    /// <summary>Whether the argument is quoted text whose quotes are not part of the value ({string}).</summary>
    public bool IsQuoted => Name == ParameterTypeConstants.StringParameterName && Transformation is null;

    string[] IParameterType.RegexStrings => _regexes;
    Type IParameterType.ParameterType => Type;

    public override string ToString() => $"{{{Name}}}";

    // Cucumber's own float regex (cucumber-expressions 20.1, all implementations), whatever the library's:
    // Cucumber.CucumberExpressions 17.1's backtracked exponentially on long digit runs and took "-" or "1,5".
    private const string FloatRegex = @"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[E][-+]?\d+)?";
    private static readonly string[] IntegerRegexes = [ParameterTypeConstants.IntParameterRegex, @"\d+"];

    /// <summary>Cucumber's built-in types, plus {decimal}.</summary>
    public static IReadOnlyList<ParameterType> BuiltIn { get; } =
    [
        new(ParameterTypeConstants.IntParameterName, IntegerRegexes, typeof(int), useForSnippets: true, weight: 1000),
        new(ParameterTypeConstants.FloatParameterName, [FloatRegex], typeof(double), useForSnippets: true),
        new(ParameterTypeConstants.WordParameterName, ParameterTypeConstants.WordParameterRegexps, typeof(string)),
        new(ParameterTypeConstants.StringParameterName, ParameterTypeConstants.StringParameterRegexps, typeof(string), useForSnippets: true),
        new("", [ParameterTypeConstants.AnonymousParameterRegex], typeof(object)),
        new("biginteger", IntegerRegexes, typeof(BigInteger)),
        new("bigdecimal", [FloatRegex], typeof(decimal)),
        new("byte", IntegerRegexes, typeof(byte)),
        new("short", IntegerRegexes, typeof(short)),
        new("long", IntegerRegexes, typeof(long)),
        new(ParameterTypeConstants.DoubleParameterName, [FloatRegex], typeof(double)),
        new("decimal", [FloatRegex], typeof(decimal)),
    ];
}
