using System.Text.RegularExpressions;

namespace StackTests.Lint.Grafana;

/// <summary>
/// Grafana applies a Loki derived field's matcherRegex in the browser, as a JavaScript RegExp,
/// which rejects what Go and .NET accept: inline flags such as (?i) and Python-style (?P&lt;name&gt;).
/// </summary>
public static partial class BrowserRegex
{
    [GeneratedRegex(@"\(\?[a-zA-Z]+[:)]|\(\?P<")]
    private static partial Regex NotJavaScript();

    /// <summary>What is wrong with the pattern for a browser, or null when it is fine.</summary>
    public static string? Problem(string pattern)
    {
        if (NotJavaScript().Match(pattern) is { Success: true } m)
            return $"uses '{m.Value}', which JavaScript's RegExp rejects (Grafana runs it in the browser): use character classes such as [Tt] instead of (?i), and (?<name>...) for named groups";
        try { _ = new Regex(pattern); }
        catch (ArgumentException e) { return $"is not a valid regular expression: {e.Message}"; }
        if (!pattern.Contains('(')) return "has no capture group: the link would have no value";
        return null;
    }
}
