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

    public sealed record Result(IReadOnlyDictionary<string, string> Unavailable, IReadOnlyList<string> Notes);

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
        foreach (var service in services.Where(s => s.Image is not null && !unavailable.ContainsKey(s.Name)).OrderBy(s => s.Name))
            if (await DockerResources.VersionNoteAsync(client, ImageReference.Resolve(service.Image!), cancellationToken) is { } note)
                notes.Add($"{service.Name}: {note}");
        return new Result(unavailable, notes);
    }
}
