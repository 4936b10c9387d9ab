namespace StackTests.Harness;

/// <summary>
/// Edits a program's flag list. Kingpin (Prometheus, Alertmanager, exporters) rejects a flag given
/// twice, so a local listen address must replace the one compose gives rather than follow it.
/// </summary>
public static class CommandFlags
{
    /// <summary>
    /// The arguments with flag set to value: "--flag=value" replaces "--flag=x" or "--flag x"
    /// (for single-dash flags, "-flag value" in two arguments, as Go's flag package prints them).
    /// </summary>
    public static IReadOnlyList<string> Set(IReadOnlyList<string> arguments, string flag, string value)
    {
        var result = Without(arguments, flag).ToList();
        if (flag.StartsWith("--", StringComparison.Ordinal)) result.Add($"{flag}={value}");
        else result.AddRange([flag, value]);
        return result;
    }

    /// <summary>The arguments with flag set to value only where they do not set it already.</summary>
    public static IReadOnlyList<string> Default(IReadOnlyList<string> arguments, string flag, string value) =>
        Without(arguments, flag).Count == arguments.Count ? Set(arguments, flag, value) : arguments;

    /// <summary>The arguments without flag, whether given as "flag=value", "flag value" or a bare switch.</summary>
    public static IReadOnlyList<string> Without(IReadOnlyList<string> arguments, string flag)
    {
        var result = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument.StartsWith(flag + "=", StringComparison.Ordinal)) continue;
            if (argument == flag)
            {
                // "--flag value": the value goes too, unless the next argument is another flag.
                if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-')) i++;
                continue;
            }
            result.Add(argument);
        }
        return result;
    }
}
