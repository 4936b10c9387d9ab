using Docker.DotNet;
using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// What --stack auto picks, with the one line that says why: the testcontainers stack where a
/// Docker engine answers and the image of every service the selected scenarios need is on it or
/// pullable, else the local stack (an air-gapped host, or one whose images were never built, would
/// otherwise skip every scenario on containers while local processes could serve some).
/// </summary>
public sealed record AutoChoice(string Provider, string Why)
{
    /// <summary>The whole check: the engine is asked for each image, and the registry (without pulling) for those it lacks.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <param name="dockerUnavailable">why no engine can be used (DockerProbe), null when one answers</param>
    /// <param name="imageProblems">each selected service: null when its image is on the engine or pullable, else why not</param>
    public static AutoChoice Decide(string? dockerUnavailable, IReadOnlyDictionary<string, string?> imageProblems)
    {
        if (dockerUnavailable is not null) return new("local", $"auto: the local stack, as {dockerUnavailable}");
        var missing = imageProblems.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
            return new("testcontainers", $"auto: the testcontainers stack, as a Docker engine answers and holds or can pull the images of " +
                                         $"{(imageProblems.Count == 0 ? "no service (none selected)" : string.Join(", ", imageProblems.Keys.Order(StringComparer.Ordinal)))}");
        return new("local", $"auto: the local stack, as {missing.Count} of the {imageProblems.Count} images the selected scenarios need are neither " +
                            $"on the Docker engine nor pullable ({string.Join(", ", missing.Select(m => m.Key))}; {missing[0].Key}: {missing[0].Value}); " +
                            "--stack testcontainers uses the engine anyway");
    }

    /// <summary>Asks the engine and, for images it lacks, the registry; bounded by <see cref="Bound"/>.</summary>
    public static AutoChoice For(IReadOnlyList<ComposeService> services)
    {
        if (DockerProbe.Unavailable is { } why) return Decide(why, new Dictionary<string, string?>());
        // Off the caller's synchronisation context: StackFactory.Create is synchronous.
        var problems = Task.Run(() => ImageProblemsAsync(services)).GetAwaiter().GetResult();
        return Decide(null, problems);
    }

    private static async Task<IReadOnlyDictionary<string, string?>> ImageProblemsAsync(IReadOnlyList<ComposeService> services)
    {
        using var bound = new CancellationTokenSource(Bound);
        using var client = DockerResources.Client();
        var checks = services.Select(async s => (s.Name, Problem: s.Image is null
            ? ImageCheck.Unbuilt(s)
            : await ProblemAsync(client, ImageReference.Resolve(s.Image), bound.Token)));
        return (await Task.WhenAll(checks)).ToDictionary(c => c.Name, c => c.Problem);
    }

    private static async Task<string?> ProblemAsync(DockerClient client, string image, CancellationToken bound)
    {
        try
        {
            await client.Images.InspectImageAsync(image, bound);
            return null;
        }
        catch (DockerImageNotFoundException) { }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { }
        catch (OperationCanceledException) when (bound.IsCancellationRequested) { return $"the engine did not answer within {Bound.TotalSeconds:0} s"; }
        try
        {
            // The registry's manifest, as `docker manifest inspect` asks for it: cheap, and nothing is pulled.
            await client.Distribution.InspectAsync(image, bound);
            return null;
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested) { return $"image {image}: the registry did not answer within {Bound.TotalSeconds:0} s"; }
        catch (DockerApiException e) { return $"image {image}: {DockerResources.EngineMessage(e)}"; }
        catch (Exception e) when (e is HttpRequestException or IOException) { return $"image {image}: {e.Message}"; }
    }
}
