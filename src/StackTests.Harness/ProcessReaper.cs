using System.Diagnostics;

namespace StackTests.Harness;

/// <summary>
/// Guarantees that no service process outlives the test process, even when it is killed:
/// a watcher in its own session waits for the watched process (this one) to end, then kills every
/// pid listed in a file, with its process group (services lead their own). On a normal stop the pids are removed from the file and the watcher is ended.
/// </summary>
public sealed class ProcessReaper : IDisposable
{
    private readonly string _pidFile;
    private readonly Process? _watcher;
    private readonly HashSet<int> _pids = [];

    /// <param name="runDirectory">where the pid file is kept</param>
    /// <param name="watchedPid">the process whose end kills the listed pids; this process by default</param>
    public ProcessReaper(string runDirectory, int? watchedPid = null)
    {
        _pidFile = Path.Combine(runDirectory, "children.pids");
        File.WriteAllText(_pidFile, "");
        // tail --pid returns when the watched process is gone, however it ended.
        var script = $"tail --pid={watchedPid ?? Environment.ProcessId} -f /dev/null; " +
                     $"while read -r pid; do kill -KILL -- \"-$pid\" \"$pid\" 2>/dev/null; done < '{_pidFile}'; exit 0";
        var info = new ProcessStartInfo("setsid", ["bash", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try { _watcher = Process.Start(info); }
        catch (System.ComponentModel.Win32Exception)
        {
            // Without setsid or bash the in-process handler below still stops the children on a normal exit.
            _watcher = null;
        }
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The pid of the watcher (bash leading its own session), or null when none could start.</summary>
    public int? WatcherId => _watcher?.Id;

    public string PidFile => _pidFile;

    public void Track(int pid)
    {
        lock (_pids)
        {
            _pids.Add(pid);
            WritePidFile();
        }
    }

    public void Untrack(int pid)
    {
        lock (_pids)
        {
            _pids.Remove(pid);
            WritePidFile();
        }
    }

    // Written aside and renamed, so the watcher never reads a half-written list.
    private void WritePidFile()
    {
        var next = _pidFile + ".next";
        File.WriteAllLines(next, _pids.Select(p => p.ToString()));
        File.Move(next, _pidFile, overwrite: true);
    }

    private void OnProcessExit(object? sender, EventArgs e) => KillListed();

    private void KillListed()
    {
        lock (_pids)
            foreach (var pid in _pids)
                try
                {
                    Signals.KillGroup(pid);
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        KillListed();
        if (_watcher is { HasExited: false })
        {
            // The watcher leads its own process group: end bash and tail together; and the pid
            // itself, in case setsid has not made the group yet.
            Signals.KillGroup(_watcher.Id);
            Signals.KillProcess(_watcher.Id);
            _watcher.WaitForExit(5000);
        }
        _watcher?.Dispose();
    }
}
