namespace StackTests.Tests.Harness.Clients;

/// <summary>
/// A real Prometheus (LocalComponent) that scrapes one target every second under one job, so a test
/// reads a component's metrics as the stack does: from Prometheus, not from the component's page.
/// </summary>
internal static class ScrapingPrometheus
{
    public static Task<LocalComponent> StartAsync(string job, Uri target, bool honorLabels = false)
    {
        var binary = LocalComponent.RequireBinary("prometheus", "prometheus");
        var config = $$"""
            global: {scrape_interval: 1s}
            scrape_configs:
              - job_name: {{job}}
                honor_labels: {{(honorLabels ? "true" : "false")}}
                static_configs: [{targets: ["{{target.Authority}}"]}]
            """;
        return LocalComponent.StartAsync("prometheus", binary,
            (port, dir) => [$"--config.file={dir}/prometheus.yml", $"--storage.tsdb.path={dir}/data", $"--web.listen-address=127.0.0.1:{port}"],
            new Dictionary<string, string> { ["prometheus.yml"] = config });
    }
}
