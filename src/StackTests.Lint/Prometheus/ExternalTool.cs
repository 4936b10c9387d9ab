using System.Diagnostics;
using StackTests.Settings;

namespace StackTests.Lint.Prometheus;

/// <summary>
/// A command-line checker such as promtool or amtool, found by the <see cref="BinaryFinder"/>.
/// </summary>
public sealed class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private ExternalTool(string name, string? path) => (Name, Path) = (name, path);

    public string Name { get; }

    /// <summary>The executable, or null when it is not installed.</summary>
    public string? Path { get; }

    public static ExternalTool Find(string name)
    {
        return new ExternalTool(name, BinaryFinder.Find(name));
    }

    public string MissingMessage =>
        $"{Name} is not installed, so this file was not checked: install the Debian package " +
        $"{(Name == "amtool" ? "prometheus-alertmanager" : "prometheus")}, or point STACKTESTS_BIN_DIR at a folder holding {Name}";

    /// <summary>Runs the tool and returns its exit code and stdout+stderr.</summary>
    public (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(MissingMessage), arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{Name} {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
