namespace StackTests.Acceptance.Steps;

/// <summary>
/// How the steps of one scenario reach the stack: the stack itself, its endpoints, clients onto its
/// services, and polling of Prometheus. What a scenario records about itself is in ScenarioState.
/// </summary>
public sealed class StackContext
{
    private IStack? _stack;

    public IStack Stack
    {
        get => _stack ?? throw new InvalidOperationException("no stack yet: start the scenario with 'Given the stack is running'");
        set => _stack = value;
    }

    public Uri Endpoint(string service, string portName) => Stack.Endpoint(service, portName);

    public PrometheusClient Prometheus => new(Endpoint("prometheus", "http"));
    public LokiClient Loki => new(Endpoint("loki", "http"));
    public TempoClient Tempo => new(Endpoint("tempo", "http"));
    public AlertmanagerClient Alertmanager => new(Endpoint("alertmanager", "http"));
    public AlloyClient Alloy => new(Endpoint("alloy", "http"));

    public CollectorClient Collector => new(new Uri(Endpoint("otel-collector", "health"), "/"));

    public GrafanaClient Grafana =>
        new(Endpoint("grafana", "http"), Stack.Credentials("grafana") is { } login
            ? login.HasToken ? GrafanaCredentials.Token(login.Token!) : GrafanaCredentials.Basic(login.User!, login.Password!)
            : null);

    /// <summary>
    /// Why the suite cannot read a service's log on this stack, or null when it can. A provider that
    /// keeps no log of a service it supplies (IStack.LogFile is null: the external stack) has only a
    /// placeholder to show, which a step must never take for the service's output.
    /// </summary>
    public string? LogsUnreadable(string service) =>
        Stack.IsAvailable(service) && Stack.LogFile(service) is null
            ? $"the {Stack.Provider} stack gives the suite no access to {service}'s log (look in that stack's own log store); " +
              "run this scenario with --stack local, testcontainers or compose"
            : null;

    /// <summary>Polls a PromQL query until its samples satisfy the condition; fails with the last result.</summary>
    public Task<IReadOnlyList<Sample>> QueryPrometheusUntilAsync(
        string query, string condition, Func<IReadOnlyList<Sample>, bool> satisfied, TimeSpan? timeout = null)
    {
        var prometheus = Prometheus;
        return Eventually.UntilAsync(
            $"{query} {condition}",
            $"GET {prometheus.BaseUrl}api/v1/query?query={query}",
            token => prometheus.QueryAsync(query, cancellationToken: token),
            satisfied,
            new EventuallyOptions(timeout ?? TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500)),
            describe: samples => samples.Count == 0 ? "empty result" : string.Join("; ", samples));
    }
}
