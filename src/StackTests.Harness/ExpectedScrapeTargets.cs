using StackTests.Models.Prometheus;
using StackTests.Harness.Clients;

namespace StackTests.Harness;

/// <summary>A scrape job of prometheus.yml and the compose service its targets are.</summary>
public sealed record ScrapeJob(string Job, string Service, int Targets)
{
    public override string ToString() => $"job '{Job}' (service {Service})";
}

/// <summary>
/// The scrape targets Prometheus must report, derived from the stack's prometheus.yml rather than
/// from what Prometheus happens to report: every job whose service runs must have as many active
/// targets as prometheus.yml gives it, each one up. Jobs of services that do not run are not checked.
/// </summary>
public sealed class ExpectedScrapeTargets
{
    private ExpectedScrapeTargets(IReadOnlyList<ScrapeJob> jobs, IReadOnlyList<ScrapeJob> notChecked, IReadOnlyList<string> unscraped) =>
        (Jobs, NotChecked, Unscraped) = (jobs, notChecked, unscraped);

    /// <summary>The jobs whose service runs: each must be scraped, and up.</summary>
    public IReadOnlyList<ScrapeJob> Jobs { get; }

    /// <summary>The jobs of services that do not run in this stack.</summary>
    public IReadOnlyList<ScrapeJob> NotChecked { get; }

    /// <summary>Running services that no job of prometheus.yml scrapes.</summary>
    public IReadOnlyList<string> Unscraped { get; }

    public static ExpectedScrapeTargets From(IReadOnlyList<StaticScrapeTarget> configured, IReadOnlyCollection<string> running)
    {
        var jobs = configured.Where(t => t.Service is not null)
            .GroupBy(t => (t.Job, Service: t.Service!))
            .Select(g => new ScrapeJob(g.Key.Job, g.Key.Service, g.Count())).ToList();
        return new ExpectedScrapeTargets(
            jobs.Where(j => running.Contains(j.Service)).ToList(),
            jobs.Where(j => !running.Contains(j.Service)).ToList(),
            running.Where(s => jobs.All(j => j.Service != s)).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The active targets of the expected jobs.</summary>
    public IReadOnlyList<ScrapeTarget> Of(IReadOnlyList<ScrapeTarget> active) =>
        active.Where(t => Jobs.Any(j => j.Job == t.Job)).ToList();

    /// <summary>What is wrong with Prometheus' active targets, one line per job; empty when every expected target is up.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<ScrapeTarget> active)
    {
        var problems = new List<string>();
        foreach (var job in Jobs)
        {
            var targets = active.Where(t => t.Job == job.Job).ToList();
            var down = targets.Where(t => !t.IsUp).ToList();
            if (targets.Count == 0)
                problems.Add($"{job}: no active target; the Prometheus in use does not scrape it (is the job in the prometheus.yml it loaded?)");
            else if (down.Count > 0)
                problems.Add($"{job}: {string.Join(", ", down.Select(t => $"{t.Instance} is {t.Health}{(t.LastError.Length > 0 ? $" ({t.LastError})" : "")}"))}");
            else if (targets.Count < job.Targets)
                problems.Add($"{job}: {targets.Count} of the {job.Targets} targets prometheus.yml gives it are active");
        }
        return problems;
    }
}
