using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using StackTests.Harness.Providers;

namespace StackTests.Harness.Canary;

/// <summary>One reading of a service's resource use: cumulative CPU time of the current process or container, and its memory now.</summary>
public readonly record struct ResourceReading(string Instance, TimeSpan CpuTime, long MemoryBytes);

/// <summary>Where a service's resource figures come from (a local process's /proc, a container's engine stats).</summary>
public interface IResourceSource
{
    /// <summary>The service's current reading, or null when it is not running now (e.g. mid-restart).</summary>
    Task<ResourceReading?> ReadAsync(string service, CancellationToken cancellationToken);
}

/// <summary>
/// Samples each service's CPU and memory while the canary runs. CPU seconds add up over each
/// process or container instance the service had (a restart starts a new one); peak memory is the
/// highest sample (RSS for processes; for containers the engine's usage less inactive file cache,
/// as `docker stats` shows it).
/// </summary>
public sealed class ResourceSampler(IResourceSource source, IReadOnlyList<string> services)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Dictionary<string, (TimeSpan First, TimeSpan Last)>> _cpu = [];
    private readonly Dictionary<string, long> _peak = [];
    private readonly Dictionary<(string Service, string Instance), string> _current = [];
    private readonly Dictionary<string, string> _errors = [];

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(services.Select(async service =>
        {
            try
            {
                if (await source.ReadAsync(service, cancellationToken) is { } reading) Record(service, reading);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                lock (_lock) _errors[service] = e.Message;
            }
        }));
    }

    public void Record(string service, ResourceReading reading)
    {
        lock (_lock)
        {
            var instances = _cpu.TryGetValue(service, out var known) ? known : _cpu[service] = [];
            // The first reading of an instance is its baseline: the CPU it used before the run began is not the run's.
            // A container started again keeps its id but its CPU count starts from zero: a new instance.
            var key = _current.GetValueOrDefault((service, reading.Instance), reading.Instance);
            if (instances.TryGetValue(key, out var old) && reading.CpuTime < old.Last)
                _current[(service, reading.Instance)] = key = $"{reading.Instance}#{instances.Count}";
            instances[key] = instances.TryGetValue(key, out var span) ? (span.First, reading.CpuTime) : (reading.CpuTime, reading.CpuTime);
            if (reading.MemoryBytes > _peak.GetValueOrDefault(service)) _peak[service] = reading.MemoryBytes;
        }
    }

    /// <summary>Samples every interval until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do await SampleAsync(cancellationToken);
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public IReadOnlyList<ServiceResources> Summarise()
    {
        lock (_lock)
            return services.Select(s => new ServiceResources(
                s,
                _cpu.TryGetValue(s, out var instances) ? instances.Values.Aggregate(TimeSpan.Zero, (sum, i) => sum + (i.Last - i.First)) : null,
                _peak.TryGetValue(s, out var peak) ? peak : null,
                _cpu.TryGetValue(s, out var seen) ? seen.Count : 0,
                _cpu.ContainsKey(s) ? null : _errors.GetValueOrDefault(s, "no reading"))).ToList();
    }
}

/// <summary>A service's resource use over the run; null figures with the reason when it could not be read.</summary>
public sealed record ServiceResources(string Service, TimeSpan? CpuTime, long? PeakMemoryBytes, int Instances, string? NotMeasured);

/// <summary>A local process's figures from /proc/&lt;pid&gt;/stat (utime+stime) and /proc/&lt;pid&gt;/status (VmRSS).</summary>
public sealed class ProcResourceSource(Func<string, int?> processIdOf, string procRoot = "/proc") : IResourceSource
{
    // USER_HZ: the unit of utime/stime, 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    public async Task<ResourceReading?> ReadAsync(string service, CancellationToken cancellationToken)
    {
        if (processIdOf(service) is not { } pid) return null;
        try
        {
            var stat = await File.ReadAllTextAsync(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat"), cancellationToken);
            var status = await File.ReadAllLinesAsync(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "status"), cancellationToken);
            var starttime = ParseStat(stat, out var cpu);
            return new ResourceReading($"{pid}@{starttime}", cpu, ParseRss(status));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of /proc/pid/stat; returns the start time field, which with the pid names the instance.</summary>
    public static string ParseStat(string stat, out TimeSpan cpu)
    {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // rest[0] is field 3 (state): utime is field 14, stime 15, starttime 22.
        var ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
        cpu = TimeSpan.FromSeconds(ticks / TicksPerSecond);
        return rest[19];
    }

    /// <summary>VmRSS of /proc/pid/status, in bytes (0 for a process without one).</summary>
    public static long ParseRss(IEnumerable<string> status) =>
        status.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024
            : 0;
}

/// <summary>
/// A container's figures from the Docker engine API (GET /containers/{id}/stats?stream=false):
/// cpu_stats.cpu_usage.total_usage (ns) and memory_stats.usage less inactive_file. The container is
/// found by compose's labels, the project being this run's (stacktests-&lt;run id&gt;).
/// </summary>
public sealed class DockerResourceSource : IResourceSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly string _project;

    public DockerResourceSource(string runId, string? socket = null)
    {
        _project = ComposeCommands.ProjectFor(runId);
        socket ??= SuiteSettings.Current.DockerHost is { } host && host.StartsWith("unix://", StringComparison.Ordinal)
            ? host["unix://".Length..] : "/var/run/docker.sock";
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task<ResourceReading?> ReadAsync(string service, CancellationToken cancellationToken)
    {
        var filters = JsonSerializer.Serialize(new Dictionary<string, string[]>
        {
            ["label"] = [$"com.docker.compose.project={_project}", $"com.docker.compose.service={service}"],
            ["status"] = ["running"],
        });
        var list = await _http.GetFromJsonAsync<JsonElement>($"containers/json?filters={Uri.EscapeDataString(filters)}", cancellationToken);
        if (list.GetArrayLength() == 0) return null;
        var id = list[0].GetProperty("Id").GetString()!;
        var stats = await _http.GetStringAsync($"containers/{id}/stats?stream=false", cancellationToken);
        return ParseStats(id, stats);
    }

    public static ResourceReading? ParseStats(string instance, string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        if (!root.TryGetProperty("cpu_stats", out var cpu) || !cpu.TryGetProperty("cpu_usage", out var usage)) return null;
        var nanoseconds = usage.GetProperty("total_usage").GetInt64();
        long memory = 0;
        if (root.TryGetProperty("memory_stats", out var mem) && mem.TryGetProperty("usage", out var used))
        {
            memory = used.GetInt64();
            if (mem.TryGetProperty("stats", out var detail))
            {
                // cgroup v2 names it inactive_file, v1 total_inactive_file (docker CLI's calculation).
                if (detail.TryGetProperty("inactive_file", out var inactive)) memory -= inactive.GetInt64();
                else if (detail.TryGetProperty("total_inactive_file", out var totalInactive)) memory -= totalInactive.GetInt64();
            }
        }
        return new ResourceReading(instance, TimeSpan.FromTicks(nanoseconds / 100), Math.Max(0, memory));
    }

    public void Dispose() => _http.Dispose();
}
