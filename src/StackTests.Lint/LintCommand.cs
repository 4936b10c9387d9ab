using System.Text.Json;

namespace StackTests.Lint;

/// <summary>
/// <c>lint [PATH...] [--format text|json]</c>: prints one line per finding
/// (<c>path:line:col: error|warning: rule-id: message</c>) or a JSON array of them.
/// Exit codes: 0 no error, 1 an error was found, 2 a usage problem.
/// </summary>
public static class LintCommand
{
    public const int Clean = 0, Failed = 1, Usage = 2;

    public const string Help = """
        Usage: run-tests.sh lint [PATH...] [--format text|json]

        Checks the stack's config files without running them. A folder (default: compose/)
        gets every check plus the cross-file ones against its compose.yaml; a single file
        gets the checks that need only that file.

        Output: one line per finding, path:line:col: error|warning: rule-id: message
                (--format json: the same findings as a JSON array).
        Exit codes: 0 no error, 1 an error was found, 2 usage problem.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string defaultPath)
    {
        var paths = new List<string>();
        var format = "text";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help") { stdout.WriteLine(Help); return Clean; }
            if (arg == "--format" || arg.StartsWith("--format=", StringComparison.Ordinal))
            {
                var value = arg.Contains('=', StringComparison.Ordinal) ? arg[(arg.IndexOf('=') + 1)..] : i + 1 < args.Length ? args[++i] : "";
                if (value is not ("text" or "json")) return UsageError(stderr, $"--format needs 'text' or 'json', not '{value}'");
                format = value;
            }
            else if (arg.StartsWith('-')) return UsageError(stderr, $"unknown option '{arg}'");
            else paths.Add(arg);
        }
        if (paths.Count == 0) paths.Add(defaultPath);
        foreach (var path in paths)
            if (Unreadable(path) is { } problem) return UsageError(stderr, $"'{path}': {problem}");

        var linter = new StackLinter();
        var findings = paths.SelectMany(linter.Lint).ToList();
        if (format == "json")
            stdout.WriteLine(JsonSerializer.Serialize(findings.Select(f => new
            {
                path = f.Path, line = f.Line, column = f.Column,
                severity = f.Severity == Severity.Error ? "error" : "warning", rule = f.RuleId, message = f.Message,
            }), new JsonSerializerOptions { WriteIndented = true }));
        else
            // One line per finding, whatever a tool's message holds.
            foreach (var finding in findings) stdout.WriteLine(finding.ToString().ReplaceLineEndings(" "));

        var errors = findings.Count(f => f.Severity == Severity.Error);
        stderr.WriteLine($"lint: {errors} error(s), {findings.Count - errors} warning(s) in {string.Join(", ", paths)}");
        return errors > 0 ? Failed : Clean;
    }

    /// <summary>Why a path given on the command line cannot be linted, or null when it can.</summary>
    private static string? Unreadable(string path)
    {
        try
        {
            if (File.Exists(path)) File.OpenRead(path).Dispose();
            else if (Directory.Exists(path)) _ = Directory.EnumerateFileSystemEntries(path).Any();
            else return "no such file or folder";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read: {e.Message}";
        }
    }

    private static int UsageError(TextWriter stderr, string problem)
    {
        stderr.WriteLine($"lint: {problem} (see --help)");
        return Usage;
    }
}
