using System.Diagnostics;

namespace StackTests.Harness;

/// <summary>
/// One service running as a child process. Its output goes to a log file and to a buffer of
/// recent lines prefixed with "service: " for failure reports. Stopping sends SIGTERM, then
/// SIGKILL after a bound.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int RecentLineCount = 200;
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private readonly Queue<string> _recent = new();
    private readonly StreamWriter _log;
    private bool _closed;
    private bool _ownGroup;

    public string Service { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string CommandLine { get; }
    public DateTime StartedAt { get; } = DateTime.UtcNow;

    private ServiceProcess(string service, Process process, StreamWriter log, string commandLine)
    {
        Service = service;
        _process = process;
        _log = log;
        CommandLine = commandLine;
    }

    /// <summary>Starts the process; the log file is appended to, so a restarted service keeps its history.</summary>
    public static ServiceProcess Start(string service, string binary, IReadOnlyList<string> arguments, string workingDirectory,
        string logFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        // setsid makes the service lead a process group of its own (it execs, keeping the pid), so
        // stopping it also stops what it started (a script's sleep or publisher) and no pipe stays open.
        var setsid = BinaryFinder.Find("setsid");
        var info = new ProcessStartInfo(setsid ?? binary)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (setsid is not null) info.ArgumentList.Add(binary);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var commandLine = $"{binary} {string.Join(' ', arguments)}";
        var child = new ServiceProcess(service, process, log, commandLine) { _ownGroup = setsid is not null };
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        try { process.Start(); }
        catch (Exception e)
        {
            log.Dispose();
            throw new StackStartException($"{service}: cannot start '{commandLine}': {e.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_recent)
        {
            if (_closed) return;
            _recent.Enqueue($"{Service}: {line}");
            if (_recent.Count > RecentLineCount) _recent.Dequeue();
            _log.WriteLine(line);
        }
    }

    /// <summary>The last lines the process printed, newest last.</summary>
    public IReadOnlyList<string> RecentOutput(int count = 20)
    {
        lock (_recent) return _recent.TakeLast(count).ToList();
    }

    public string ExitDescription => HasExited ? $"exited with code {_process.ExitCode}" : "running";

    public async Task StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            if (!_ownGroup || !Signals.TerminateGroup(_process.Id)) Signals.Terminate(_process.Id);
            using var wait = new CancellationTokenSource(grace);
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException)
            {
                KillNow();
                using var killed = new CancellationTokenSource(KillGrace);
                try { await _process.WaitForExitAsync(killed.Token); }
                catch (OperationCanceledException) { /* dead, but something still holds its output pipe */ }
            }
        }
        // Whatever of its group outlived it (e.g. a child that ignored SIGTERM) goes too.
        if (_ownGroup) Signals.KillGroup(_process.Id);
    }

    /// <summary>Last-resort stop for process exit paths where nothing may be awaited.</summary>
    public void KillNow()
    {
        if (_ownGroup) Signals.KillGroup(_process.Id);
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        lock (_recent) { _closed = true; _log.Dispose(); }
        _process.Dispose();
    }
}
