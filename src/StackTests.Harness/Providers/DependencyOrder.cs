namespace StackTests.Harness.Providers;

/// <summary>
/// Starts services in parallel, each as soon as the services it depends_on have started (and are
/// ready, when start waits for that). A service whose dependency failed is not started.
/// </summary>
public static class DependencyOrder
{
    /// <summary>Runs start for each service; returns one message per service that failed or was not started.</summary>
    public static async Task<IReadOnlyList<string>> StartAllAsync(
        IReadOnlyCollection<string> services, Func<string, IEnumerable<string>> dependsOn, Func<string, Task> start)
    {
        var started = new Dictionary<string, Task>();

        Task Started(string service)
        {
            lock (started)
            {
                if (!started.TryGetValue(service, out var task)) started[service] = task = StartAfterDependenciesAsync(service);
                return task;
            }
        }

        async Task StartAfterDependenciesAsync(string service)
        {
            await Task.Yield();
            var dependencies = dependsOn(service).Where(services.Contains).ToList();
            try { await Task.WhenAll(dependencies.Select(Started)); }
            catch (Exception)
            {
                throw new StackStartException($"{service}: not started, since {string.Join(", ", dependencies)} did not start");
            }
            await start(service);
        }

        var all = services.Select(Started).ToList();
        try { await Task.WhenAll(all); }
        catch (Exception) { /* collected below, one message per service */ }
        return all.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!.Message).ToList();
    }

    /// <summary>
    /// Services that cannot start: those with a reason of their own, and those depending, directly
    /// or not, on one of them ("depends on X, which ...").
    /// </summary>
    public static IReadOnlyDictionary<string, string> Blocked(
        IReadOnlyDictionary<string, string?> ownReasons, Func<string, IEnumerable<string>> dependsOn)
    {
        var blocked = ownReasons.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => r.Value!);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var service in ownReasons.Keys.Where(s => !blocked.ContainsKey(s)))
                if (dependsOn(service).FirstOrDefault(blocked.ContainsKey) is { } dependency)
                {
                    blocked[service] = $"depends on {dependency}, which cannot start: {blocked[dependency]}";
                    changed = true;
                }
        }
        return blocked;
    }
}
