using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using StackTests.Compose;
using StackTests.Harness.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace StackTests.Harness.Emitters;

/// <summary>
/// A container that writes known lines to stdout ("PREFIX 1" ... "PREFIX N", one every interval)
/// and stays up, so that Alloy's Docker discovery finds it and ships the lines to Loki like any
/// container's. It carries the compose
/// labels Alloy turns into compose_service and compose_project. Needs a Docker engine.
/// </summary>
public sealed class LogWritingContainer(string name, string project, IContainer container) : IAsyncDisposable
{
    private static readonly Lazy<string> ImageName = new(() => ComposeFile.Load(RepositoryLayout.ComposeFile).Image("log-writer"));

    /// <summary>A small image with a shell: test infrastructure, not part of the stack, named in compose.yaml's x-stacktests.images.</summary>
    public static string Image => ImageName.Value;
    public const string ComposeServiceLabel = "stacktests-log-writer";

    public string Name { get; } = name;
    public string ComposeService => ComposeServiceLabel;

    /// <summary>The stack's project, as Alloy's compose_project label will carry it.</summary>
    public string ComposeProject { get; } = project;

    /// <summary>The Loki stream selector of this writer's lines once Alloy shipped them: both compose labels, so this run's only.</summary>
    public string LokiSelector => $"{{compose_service=\"{ComposeService}\", compose_project=\"{ComposeProject}\"}}";

    /// <summary>Starts the container; disposing it removes it (and a later run removes it by its labels, if this run dies).</summary>
    public static async Task<LogWritingContainer> RunAsync(
        string prefix, int count, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (DockerProbe.Unavailable is { } reason) throw new EmitterException($"a log-writing container needs Docker: {reason}");
        var name = NameFor(TestRun.Id, Guid.NewGuid());
        var project = ComposeCommands.ProjectFor(TestRun.Id);
        var container = new ContainerBuilder(ImageReference.Resolve(Image))
            .WithLogger(NullLogger.Instance)
            .WithName(name)
            .WithLabel(DockerResources.Labels(TestRun.Id))
            .WithLabel("com.docker.compose.service", ComposeServiceLabel)
            // The stack's own project (the compose project, or the testcontainers stack's network name).
            .WithLabel("com.docker.compose.project", project)
            // The lines are the workload; the final sleep keeps the container up for discovery.
            .WithCommand("sh", "-c",
                "i=1; while [ $i -le \"$COUNT\" ]; do printf '%s %d\\n' \"$PREFIX\" $i; i=$((i+1)); sleep \"$INTERVAL\"; done; exec sleep 600")
            .WithEnvironment("PREFIX", prefix)
            .WithEnvironment("COUNT", count.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("INTERVAL", interval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture))
            .Build();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromMinutes(2));
        try { await container.StartAsync(bounded.Token); }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new EmitterException($"the log-writing container ({ImageReference.Resolve(Image)}) did not start: {e.Message}", e);
        }
        return new LogWritingContainer(name, project, container);
    }

    /// <summary>
    /// A container name Docker accepts ([a-zA-Z0-9][a-zA-Z0-9_.-]*) for any run id, unique per
    /// writer: the run id's allowed characters (at most 40), then 12 hex digits of the writer's id.
    /// </summary>
    public static string NameFor(string runId, Guid writer)
    {
        var safe = new string(runId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-').ToArray());
        if (safe.Length > 40) safe = safe[..40];
        return $"stacktests-log-writer-{safe}{(safe.Length > 0 ? "-" : "")}{writer.ToString("N")[..12]}";
    }

    public ValueTask DisposeAsync() => container.DisposeAsync();

}
