using StackTests.Harness;
using System.Net;
using System.Net.Sockets;
using StackTests.Settings;

namespace StackTests.Tests.Harness.Clients;

/// <summary>
/// A real component binary run as a child process on 127.0.0.1 with a free port, for one test of a
/// client against the real thing. Bounded start (readiness poll), always stopped and its folder removed.
/// </summary>
internal sealed class LocalComponent : IAsyncDisposable
{
    private readonly ServiceProcess _process;
    private readonly string _directory;

    public Uri BaseUrl { get; }
    public int Port { get; }

    private LocalComponent(ServiceProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Skips the calling test when the binary is not installed.</summary>
    public static string RequireBinary(string name, string package)
    {
        var path = BinaryFinder.Find(name);
        Assert.SkipWhen(path is null, $"'{name}' is not installed (Debian package {package}); this test runs the client against the real {name}");
        return path!;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Starts the binary with arguments built from (port, folder) after writing the given files into
    /// the folder, then waits (bounded) until GET readyPath answers 200.
    /// </summary>
    public static async Task<LocalComponent> StartAsync(
        string name, string binary, Func<int, string, IReadOnlyList<string>> arguments,
        IReadOnlyDictionary<string, string>? files = null, string readyPath = "-/ready", int? port = null)
    {
        var directory = Directory.CreateTempSubdirectory($"stacktests-{name}-").FullName;
        foreach (var (file, content) in files ?? new Dictionary<string, string>())
            await File.WriteAllTextAsync(Path.Combine(directory, file), content);
        var chosenPort = port ?? FreePort();
        var process = ServiceProcess.Start(name, binary, arguments(chosenPort, directory), directory, Path.Combine(directory, $"{name}.log"));
        var component = new LocalComponent(process, directory, chosenPort);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.UntilAsync(
                $"{name} to be ready", $"GET {component.BaseUrl}{readyPath}",
                async token =>
                {
                    if (process.HasExited)
                        throw new PollingAbortedException($"{name} {process.ExitDescription}: {string.Join("\n", process.RecentOutput())}");
                    return (int)(await http.GetAsync(new Uri(component.BaseUrl, readyPath), token)).StatusCode;
                },
                status => status == 200,
                new EventuallyOptions(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100)));
        }
        catch
        {
            await component.DisposeAsync();
            throw;
        }
        return component;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
