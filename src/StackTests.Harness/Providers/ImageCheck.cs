using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// Which compose services the container providers can start, for their images: each image (with
/// STACKTESTS_IMAGE_REGISTRY's prefix) must be on the engine or pullable, else its service, and
/// what depends on it, is unavailable with the reason; and where an image built from Debian
/// packages differs from compose's tag, a note says so.
/// </summary>
public static class ImageCheck
{
    // A missing image is pulled once; where no registry answers, that fails at once.
    private static readonly TimeSpan PullBound = TimeSpan.FromMinutes(10);

    /// <param name="Origins">Each startable service's image, as DockerResources.DescribeImage says it.</param>
    public sealed record Result(IReadOnlyDictionary<string, string> Unavailable, IReadOnlyList<string> Notes, IReadOnlyDictionary<string, string> Origins);

    /// <summary>Why a service without an image cannot run here.</summary>
    public static string Unbuilt(ComposeService service) =>
        $"compose builds its image from {service.BuildContext ?? "(no build context)"}; build and tag it, then name it in 'image:'";

    public static async Task<Result> RunAsync(IReadOnlyList<ComposeService> services, CancellationToken cancellationToken)
    {
        using var client = DockerResources.Client();
        var problems = await Task.WhenAll(services.Select(async s => (
            s.Name,
            Problem: s.Image is null
                ? Unbuilt(s)
                : await DockerResources.ImageProblemAsync(client, s.Name, ImageReference.Resolve(s.Image), PullBound, cancellationToken))));
        var dependsOn = services.ToDictionary(s => s.Name, s => s.DependsOn);
        var unavailable = DependencyOrder.Blocked(problems.ToDictionary(p => p.Name, p => p.Problem), s => dependsOn[s]);
        var notes = new List<string>();
        var origins = new Dictionary<string, string>();
        foreach (var service in services.Where(s => s.Image is not null && !unavailable.ContainsKey(s.Name)).OrderBy(s => s.Name))
        {
            var image = ImageReference.Resolve(service.Image!);
            var labels = await DockerResources.LabelsAsync(client, image, cancellationToken);
            if (labels.TryGetValue(DockerResources.VersionNoteLabel, out var note)) notes.Add($"{service.Name}: {note}");
            origins[service.Name] = DockerResources.DescribeImage(image, labels);
        }
        return new Result(unavailable, notes, origins);
    }
}
