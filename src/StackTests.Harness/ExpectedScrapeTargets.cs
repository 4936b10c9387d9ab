using StackTests.Models.Prometheus;
using StackTests.Harness.Clients;

namespace StackTests.Harness;

/// <summary>A scrape job of prometheus.yml and the compose service its targets are.</summary>
public sealed record ScrapeJob(string Job, string Service, int Targets)
{
    public override string ToString() => $"job '{Job}' (service {Service})";
}

/// <summary>
/// The scrape targets Prometheus must report for the services a check names, derived from the
/// stack's prometheus.yml rather than from what Prometheus happens to report: every job of those
/// services must have as many active targets as prometheus.yml gives it, each one up. Which
/// services are checked is the caller's claim, never what happens to run: a service named here
/// whose job is missing from Prometheus is a problem, and a named service prometheus.yml does not
/// scrape is one too.
/// </summary>
public sealed class ExpectedScrapeTargets
{
    private ExpectedScrapeTargets(IReadOnlyList<ScrapeJob> jobs, IReadOnlyList<string> unscraped) =>
        (Jobs, Unscraped) = (jobs, unscraped);

    /// <summary>The jobs of the named services: each must be scraped, and up.</summary>
    public IReadOnlyList<ScrapeJob> Jobs { get; }

    /// <summary>Named services that no job of prometheus.yml scrapes.</summary>
    public IReadOnlyList<string> Unscraped { get; }

    /// <summary>Every job of prometheus.yml whose target is a compose service.</summary>
    public static IReadOnlyList<ScrapeJob> JobsOf(IReadOnlyList<StaticScrapeTarget> configured) =>
        configured.Where(t => t.Service is not null)
            .GroupBy(t => (t.Job, Service: t.Service!))
            .Select(g => new ScrapeJob(g.Key.Job, g.Key.Service, g.Count())).ToList();

    /// <summary>The jobs of the named services.</summary>
    public static ExpectedScrapeTargets From(IReadOnlyList<StaticScrapeTarget> configured, IReadOnlyCollection<string> services)
    {
        var jobs = JobsOf(configured);
        return new ExpectedScrapeTargets(
            jobs.Where(j => services.Contains(j.Service)).ToList(),
            services.Where(s => jobs.All(j => j.Service != s)).Order(StringComparer.Ordinal).ToList());
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
