using CliWrap;
using CliWrap.Buffered;
using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness.Providers;

/// <summary>
/// An image a self-test makes for itself, so that it depends on neither compose's images nor a
/// registry: /bin/sh of this host and the libraries ldd names, imported as a root file system
/// with the given entrypoint. Tagged as the container providers resolve the reference
/// (STACKTESTS_IMAGE_REGISTRY's prefix included), and removed by the test that made it.
/// </summary>
internal sealed class SelfTestImage : IAsyncDisposable
{
    private SelfTestImage(string reference) => Reference = reference;

    /// <summary>The reference to write in compose's image: field.</summary>
    public string Reference { get; }

    /// <summary>The image, or null with why it could not be made (the test then skips, naming that).</summary>
    public static async Task<(SelfTestImage? Image, string? Problem)> CreateAsync(string name, string entrypointJson, CancellationToken cancellationToken)
    {
        var reference = $"stacktests-selftest/{name}:{Guid.NewGuid():N}"[..48].TrimEnd(':');
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        var ldd = await Run("ldd", ["/bin/sh"], bound.Token);
        if (ldd.ExitCode != 0) return (null, $"ldd /bin/sh failed: {ldd.StandardError.Trim()}");
        var files = ldd.StandardOutput.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.StartsWith('/')).Prepend("/bin/sh").Distinct().Select(path => path.TrimStart('/')).ToList();
        var tar = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.tar");
        try
        {
            // -h: the files themselves, not the symbolic links to them (/bin/sh -> dash, ld-linux).
            var packed = await Run("tar", ["-chf", tar, "-C", "/", .. files], bound.Token);
            if (packed.ExitCode != 0) return (null, $"tar of {string.Join(", ", files)} failed: {packed.StandardError.Trim()}");
            var imported = await Run("docker", ["import", "--change", $"ENTRYPOINT {entrypointJson}", tar, ImageReference.Resolve(reference)], bound.Token);
            return imported.ExitCode == 0
                ? (new SelfTestImage(reference), null)
                : (null, $"docker import of /bin/sh as {ImageReference.Resolve(reference)} failed: {imported.StandardError.Trim()}");
        }
        finally
        {
            File.Delete(tar);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Run("docker", ["rmi", "-f", ImageReference.Resolve(Reference)], bound.Token);
    }

    private static Task<BufferedCommandResult> Run(string program, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        Cli.Wrap(program).WithArguments(arguments).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
}
