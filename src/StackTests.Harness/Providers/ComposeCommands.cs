namespace StackTests.Harness.Providers;

/// <summary>
/// The `docker compose` command lines of the compose stack, as argument lists (after "docker").
/// Every command names the project, the files and the profiles, so it acts on this run's stack only.
/// </summary>
/// <param name="overrideFile">a file given after compose.yaml (ComposeOverride), or null</param>
public sealed class ComposeCommands(string project, string composeFile, IReadOnlyList<string> profiles, string? overrideFile = null)
{
    public string Project => project;

    /// <summary>A compose project name for a run id: lower-case letters, digits, '-' and '_'.</summary>
    public static string ProjectFor(string runId) =>
        "stacktests-" + new string(runId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    private IReadOnlyList<string> Base =>
        ["compose", "-p", project, "-f", composeFile, .. overrideFile is null ? [] : new[] { "-f", overrideFile },
         .. profiles.SelectMany(p => new[] { "--profile", p })];

    /// <summary>Starts the named services (compose adds what they depend on) and waits for their healthchecks.</summary>
    public IReadOnlyList<string> Up(TimeSpan wait, IEnumerable<string> services) =>
        [.. Base, "up", "-d", "--wait", "--wait-timeout", ((int)wait.TotalSeconds).ToString(), .. services];
    public IReadOnlyList<string> Port(string service, int containerPort) => [.. Base, "port", service, containerPort.ToString()];
    public IReadOnlyList<string> Logs(string service, int lines) => [.. Base, "logs", "--no-color", "--no-log-prefix", "--tail", lines.ToString(), service];
    public IReadOnlyList<string> Stop(string service) => [.. Base, "stop", service];
    public IReadOnlyList<string> Start(string service) => [.. Base, "start", service];
    public IReadOnlyList<string> Restart(string service) => [.. Base, "restart", service];
    public IReadOnlyList<string> RunningServices() => [.. Base, "ps", "--services", "--status", "running"];
    public IReadOnlyList<string> Down() => [.. Base, "down", "-v", "--remove-orphans"];

    /// <summary>Waits, once a stopped service was started again, until compose reports it healthy or running.</summary>
    public IReadOnlyList<string> Wait(string service) => [.. Base, "up", "-d", "--wait", "--no-deps", service];

    /// <summary>Asks the engine, not just the CLI: fails when no daemon answers.</summary>
    public static IReadOnlyList<string> EngineVersion() => ["version", "--format", "{{.Server.Version}}"];
}
