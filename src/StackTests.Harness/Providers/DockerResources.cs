using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace StackTests.Harness.Providers;

/// <summary>
/// What the container providers create on a Docker engine, and how what a dead run left is found
/// again. Every container, network and volume carries the run id and its owner (host, pid and the
/// pid's start time): a later run removes what an owner that no longer lives left behind, as
/// grafana/e2e does, and leaves alone what a live run on the same engine is using. This works
/// without Testcontainers' reaper Ryuk, whose image cannot always be pulled.
/// </summary>
public static class DockerResources
{
    public const string RunIdLabel = "org.stacktests.run-id";
    public const string OwnerLabel = "org.stacktests.owner";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>The labels every resource of a run carries: its run id and its owner (<see cref="ProcessOwner"/>).</summary>
    public static IReadOnlyDictionary<string, string> Labels(string runId) =>
        new Dictionary<string, string> { [RunIdLabel] = runId, [OwnerLabel] = ProcessOwner.Current };

    /// <summary>A client of the engine Testcontainers found (DOCKER_HOST, ~/.testcontainers.properties, the default socket).</summary>
    public static DockerClient Client() =>
        TestcontainersSettings.OS.DockerEndpointAuthConfig?.GetDockerClientBuilder(Guid.Empty).Build()
        ?? throw new StackStartException(DockerProbe.Unavailable ?? "no Docker engine answers");

    /// <summary>
    /// Removes the containers, networks and volumes whose owner has gone; returns one line per
    /// resource removed (or that could not be).
    /// </summary>
    public static async Task<IReadOnlyList<string>> RemoveOrphansAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Bound);
        var token = bound.Token;
        using var client = Client();
        var removed = new List<string>();
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [OwnerLabel] = true } };

        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, token);
        foreach (var container in containers.Where(c => ProcessOwner.HasEnded(OwnerIn(c.Labels))))
            removed.Add(await TryAsync($"container {string.Join(",", container.Names)}", () =>
                client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, token)));

        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }, token);
        foreach (var network in networks.Where(n => ProcessOwner.HasEnded(OwnerIn(n.Labels))))
            removed.Add(await TryAsync($"network {network.Name}", () => client.Networks.DeleteNetworkAsync(network.ID, token)));

        var volumes = await client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, token);
        foreach (var volume in (volumes.Volumes ?? []).Where(v => ProcessOwner.HasEnded(OwnerIn(v.Labels))))
            removed.Add(await TryAsync($"volume {volume.Name}", () => client.Volumes.RemoveAsync(volume.Name, force: true, token)));
        return removed;
    }

    /// <summary>The engine's own words ({"message": ...} in the response), not the client's wrapping of them.</summary>
    public static string EngineMessage(DockerApiException e)
    {
        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(e.ResponseBody ?? "");
            if (body.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text) return text;
        }
        catch (System.Text.Json.JsonException) { }
        return e.Message;
    }

    private static string? OwnerIn(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(OwnerLabel, out var owner) ? owner : null;

    private static async Task<string> TryAsync(string what, Func<Task> remove)
    {
        try { await remove(); return $"removed {what} of a run that died"; }
        catch (DockerApiException e) { return $"could not remove {what} of a run that died: {e.Message}"; }
    }

    /// <summary>
    /// Null when the image is on the engine or could be pulled; else why not, naming the service,
    /// the image and what to do.
    /// </summary>
    public static async Task<string?> ImageProblemAsync(DockerClient client, string service, string image, TimeSpan pullBound,
        CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.InspectImageAsync(image, cancellationToken);
            return null;
        }
        catch (DockerImageNotFoundException) { }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(pullBound);
        var (name, tag) = ImageReference.Split(image);
        var errors = new List<string>();
        try
        {
            await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = name, Tag = tag }, null,
                new Progress<JSONMessage>(m => { if (m.Error?.Message is { Length: > 0 } error) lock (errors) errors.Add(error); }),
                bound.Token);
            lock (errors)
                if (errors.Count == 0) return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { errors.Add($"no answer within {pullBound.TotalSeconds:0} s"); }
        catch (DockerApiException e) { errors.Add(EngineMessage(e)); }
        return $"image {image} of {service} is not on the engine and could not be pulled ({string.Join("; ", errors).Trim()}): " +
               "pull or build it, or set STACKTESTS_IMAGE_REGISTRY to a registry mirror that holds it" +
               (ImageReference.Registry is { } registry ? $" (now '{registry}')" : "");
    }

    /// <summary>The labels of an image (empty when the engine cannot inspect it).</summary>
    public static async Task<IDictionary<string, string>> LabelsAsync(DockerClient client, string image, CancellationToken cancellationToken)
    {
        try
        {
            var inspected = await client.Images.InspectImageAsync(image, cancellationToken);
            return inspected.Config?.Labels ?? new Dictionary<string, string>();
        }
        catch (DockerApiException) { return new Dictionary<string, string>(); }
    }

    /// <summary>
    /// What an image is, for a result's evidence: an image .ci/images.sh built from Debian packages
    /// carries the reference it stands in for (org.stacktests.upstream) and, where Debian's version
    /// differs from that tag, a note (org.stacktests.version-note).
    /// </summary>
    public static string DescribeImage(string image, IDictionary<string, string> labels) =>
        labels.TryGetValue(UpstreamLabel, out var upstream)
            ? $"image {image}, built from Debian packages standing in for {upstream}" +
              (labels.TryGetValue(VersionNoteLabel, out var note) ? $" ({note})" : "")
            : $"image {image}";

    public const string UpstreamLabel = "org.stacktests.upstream";
    public const string VersionNoteLabel = "org.stacktests.version-note";
}
