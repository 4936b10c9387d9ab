using System.Text.RegularExpressions;
using StackTests.Lint.Compose;

namespace StackTests.Lint.Iot;

/// <summary>mosquitto.conf: every <c>listener PORT</c> is a port compose publishes for mosquitto.</summary>
public static partial class MosquittoChecks
{
    public const string Service = "mosquitto";

    [GeneratedRegex(@"^\s*listener\s+(?<port>\d+)", RegexOptions.Multiline)]
    private static partial Regex Listener();

    /// <summary>The listener lines of the file: port and 1-based line.</summary>
    public static IReadOnlyList<(int Port, int Line)> Listeners(string text) =>
        Listener().Matches(text)
            .Select(m => (int.Parse(m.Groups["port"].Value), text[..m.Index].Count(c => c == '\n') + 1))
            .ToList();

    public static bool IsMosquittoConfig(string path, string text) =>
        Path.GetExtension(path) == ".conf" && (Path.GetFileName(path).Contains("mosquitto", StringComparison.OrdinalIgnoreCase) || Listeners(text).Count > 0);

    public static IReadOnlyList<Finding> Check(string path, string text, ComposeStack? stack)
    {
        var listeners = Listeners(text);
        if (listeners.Count == 0)
            return [new Finding(path, 1, 0, Severity.Error, RuleIds.MosquittoListener, "no 'listener PORT' line: Mosquitto 2 then accepts local connections only")];
        if (stack is null) return [];
        return listeners.Where(l => !stack.Publishes(Service, l.Port))
            .Select(l => new Finding(path, l.Line, 1, Severity.Error, RuleIds.MosquittoListener,
                $"listener {l.Port} is not a port compose publishes for '{Service}' (its ports: {string.Join(", ", stack.Ports(Service).Order())})"))
            .ToList();
    }

    /// <summary>Tells the stack the ports Mosquitto's config makes it listen on.</summary>
    public static void DeclarePorts(string text, ComposeStack stack)
    {
        foreach (var (port, _) in Listeners(text)) stack.DeclareListening(Service, port);
    }
}
