using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StackTests.Bdd;

/// <summary>
/// A Cucumber expression ("Prometheus has {int} targets") compiled to a regular expression.
/// Parameter types: {int} {float} {string} {word} {}.
/// </summary>
public sealed class StepExpression
{
    private static readonly Dictionary<string, (string Pattern, Type Type)> ParameterTypes = new()
    {
        ["int"] = (@"-?\d+", typeof(int)),
        ["float"] = (@"-?\d*\.?\d+", typeof(double)),
        ["word"] = (@"[^\s]+", typeof(string)),
        ["string"] = ("\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\"|'([^'\\\\]*(?:\\\\.[^'\\\\]*)*)'", typeof(string)),
        [""] = (".*", typeof(string)),
    };

    private readonly Regex _regex;
    private readonly List<string> _parameterNames = [];

    public string Source { get; }
    public IReadOnlyList<Type> ParameterClrTypes => _parameterNames.Select(n => ParameterTypes[n].Type).ToList();

    public StepExpression(string source)
    {
        Source = source;
        var pattern = new StringBuilder("^");
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '{' && source.IndexOf('}', i) is var close and > 0)
            {
                var name = source[(i + 1)..close];
                if (!ParameterTypes.TryGetValue(name, out var type))
                    throw new BindingException($"unknown parameter type {{{name}}} in \"{source}\"");
                _parameterNames.Add(name);
                pattern.Append('(').Append(name == "string" ? type.Pattern : type.Pattern).Append(')');
                i = close + 1;
            }
            else
            {
                pattern.Append(Regex.Escape(c.ToString()));
                i++;
            }
        }
        _regex = new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>The converted arguments when the text matches, else null.</summary>
    public object?[]? Match(string text)
    {
        var match = _regex.Match(text);
        if (!match.Success) return null;
        var values = new object?[_parameterNames.Count];
        var group = 1;
        for (var p = 0; p < _parameterNames.Count; p++)
        {
            var name = _parameterNames[p];
            if (name == "string")
            {
                // The outer group plus one group per quote style.
                var doubleQuoted = match.Groups[group + 1];
                var singleQuoted = match.Groups[group + 2];
                values[p] = doubleQuoted.Success ? doubleQuoted.Value : singleQuoted.Value;
                group += 3;
                continue;
            }
            var raw = match.Groups[group++].Value;
            values[p] = name switch
            {
                "int" => int.Parse(raw, CultureInfo.InvariantCulture),
                "float" => double.Parse(raw, CultureInfo.InvariantCulture),
                _ => raw,
            };
        }
        return values;
    }
}
