using System.Security.Cryptography;
using StackTests.Compose;
using StackTests.Harness;
using StackTests.Harness.Clients;
using StackTests.Harness.Diagnosis;
using StackTests.Harness.Emitters;
using StackTests.Harness.Providers;
using StackTests.Tests.Harness.Clients;
using StackTests.Tests.Harness.Local;

namespace StackTests.Tests.Harness.Diagnosis;

/// <summary>compose.yaml's Loki and Tempo, started once as local processes (STACKTESTS_BIN_DIR or PATH) for the diagnosis tests.</summary>
public sealed class RunningBackends : IAsyncLifetime
{
    public LocalStack Stack { get; private set; } = null!;

    /// <summary>Addresses of their own, apart from the other local-process tests and an acceptance run.</summary>
    public const string Loopback = "127.0.44";

    public async ValueTask InitializeAsync()
    {
        var compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
        Stack = new LocalStack(compose.Only(new HashSet<string> { "loki", "tempo" }), ["core"],
            Path.Combine(TestRun.Directory, "diagnosis-" + Guid.NewGuid().ToString("N")[..8]), Loopback);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Stack.StartAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await Stack.DisposeAsync();
}

/// <summary>
/// The Loki and Tempo hops of the pipeline diagnoses against the real Loki and Tempo, with faults
/// planted: a push to a wrong port, lines under another tenant than the one queried, Tempo stopped.
/// The counters they read are the real components' own (names checked against their /metrics).
/// </summary>
[Collection(LocalProcessesCollection.Name)]
[Trait("Tier", "integration")]
public sealed class RealBackendDiagnosisTests(RunningBackends fixture, ITestOutputHelper output) : IClassFixture<RunningBackends>
{
    private LocalStack Stack => fixture.Stack;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private void Require(string service)
    {
        if (!Stack.IsAvailable(service))
            Assert.Skip($"{service} is not available here ({Stack.Unavailable(service)}); set STACKTESTS_BIN_DIR to a folder holding its binary");
    }

    /// <summary>Polls the diagnosis until its counters have moved as far as expected (a component counts just after it answers).</summary>
    private async Task<PipelineVerdict> VerdictAsync(PipelineDiagnosis diagnosis, Func<PipelineVerdict, bool> settled)
    {
        var verdict = await Eventually.UntilAsync("the diagnosis to settle", "GET /metrics of each component",
            token => diagnosis.ExplainAsync(token), settled, new EventuallyOptions(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(500)),
            cancellationToken: Token);
        output.WriteLine(verdict.ToString());
        return verdict;
    }

    [Fact]
    public async Task Loki_counts_a_pushed_line_so_a_missing_line_is_blamed_on_the_query_side()
    {
        Require("loki");
        var diagnosis = await LokiIngestDiagnosis.NoteAsync(Stack, cancellationToken: Token);
        await new LokiLogEmitter(new LokiClient(Stack.Endpoint("loki", "http"))).SendAsync("diagnosis line", cancellationToken: Token);
        var verdict = await VerdictAsync(diagnosis, v => v.Hops[0].Count >= 1);
        verdict.Verdict.Should().Contain("Loki's distributor received 1 lines (loki_distributor_lines_received_total), tenant \"fake\" 1")
            .And.Contain("Loki took the lines");
    }

    [Fact]
    public async Task A_push_to_a_wrong_port_is_named_as_never_reaching_Loki()
    {
        Require("loki");
        var diagnosis = await LokiIngestDiagnosis.NoteAsync(Stack, cancellationToken: Token);
        var loki = Stack.Endpoint("loki", "http");
        var wrong = new UriBuilder(loki) { Port = LocalComponent.FreePort() }.Uri;
        var push = () => new LokiLogEmitter(new LokiClient(wrong, timeout: TimeSpan.FromSeconds(3))).SendAsync("to nowhere", cancellationToken: Token);
        await push.Should().ThrowAsync<EmitterException>();
        var verdict = await diagnosis.ExplainAsync(Token);
        output.WriteLine(verdict.ToString());
        verdict.Verdict.Should().Contain("received 0 lines").And.Contain("never reached this Loki");
    }

    /// <summary>
    /// A second Loki with compose's config made multi-tenant (auth_enabled: true) on free ports: a
    /// line pushed as one tenant and looked for as another is not found, and the diagnosis says which
    /// tenant holds it.
    /// </summary>
    [Fact]
    public async Task Lines_pushed_under_another_tenant_than_the_one_queried_are_named()
    {
        Require("loki");
        var binary = BinaryFinderFor("loki");
        var httpPort = LocalComponent.FreePort();
        var grpcPort = LocalComponent.FreePort();
        await using var loki = await LocalComponent.StartAsync("loki", binary, (port, folder) => ["-config.file=" + Path.Combine(folder, "loki.yaml")],
            new Dictionary<string, string> { ["loki.yaml"] = MultiTenantLokiConfig(httpPort, grpcPort) }, readyPath: "ready", port: httpPort);
        var stack = new SingleService("loki", loki.BaseUrl);
        var diagnosis = await LokiIngestDiagnosis.NoteAsync(stack, queriedTenant: "team-b", Token);
        var pushed = await new LokiLogEmitter(new LokiClient(loki.BaseUrl, tenant: "team-a")).SendAsync("tenant line", cancellationToken: Token);
        var asB = await new LokiClient(loki.BaseUrl, tenant: "team-b").QueryRangeAsync(pushed.Selector, pushed.Time.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1), cancellationToken: Token);
        asB.Lines.Should().BeEmpty("the line is team-a's");
        var verdict = await VerdictAsync(diagnosis, v => v.Hops[0].Count >= 1);
        verdict.Verdict.Should().Contain("tenant \"team-a\" 1").And.Contain("the query asked tenant \"team-b\", which received none")
            .And.Contain("stored under another tenant");
    }

    private static string BinaryFinderFor(string name) => StackTests.Settings.BinaryFinder.Find(name) ?? throw new InvalidOperationException($"{name} not found");

    private string MultiTenantLokiConfig(int httpPort, int grpcPort)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "compose", "loki", "loki.yaml"));
        var folder = Directory.CreateTempSubdirectory("stacktests-loki-tenant-").FullName;
        text = text.Replace("auth_enabled: false", "auth_enabled: true", StringComparison.Ordinal)
            .Replace("http_listen_port: 3100", $"http_listen_port: {httpPort}", StringComparison.Ordinal)
            .Replace("grpc_listen_port: 9095", $"grpc_listen_port: {grpcPort}", StringComparison.Ordinal)
            .Replace("/loki", folder, StringComparison.Ordinal)
            .Replace("alertmanager:9093", "127.0.0.1:1", StringComparison.Ordinal);
        text.Should().Contain("auth_enabled: true", "compose's loki.yaml says auth_enabled: false, which this test turns on");
        return ServiceCatalog.ListenOn(text, "127.0.0.1");
    }

    [Fact]
    public async Task Tempo_counts_a_trace_sent_to_it_so_a_missing_trace_is_blamed_on_the_query_side()
    {
        Require("tempo");
        var diagnosis = await TempoIngestDiagnosis.NoteAsync(Stack, cancellationToken: Token);
        var sent = await new OtlpEmitter(Stack.Endpoint("tempo", "otlp-http"), serviceName: "stacktests-diagnosis").SendTraceAsync("diagnosis", cancellationToken: Token);
        var verdict = await VerdictAsync(diagnosis, v => v.Hops[0].Count >= sent.SpanIds.Count);
        verdict.Verdict.Should().Contain($"Tempo's distributor received {sent.SpanIds.Count} spans (tempo_distributor_spans_received_total)")
            .And.Contain("Tempo took the spans");
    }

    [Fact]
    public async Task Without_a_Collector_the_trace_pipeline_diagnosis_says_its_counters_could_not_be_read()
    {
        Require("tempo");
        var diagnosis = await TracePipelineDiagnosis.NoteAsync(Stack, Token);
        var verdict = await diagnosis.ExplainAsync(Token);
        output.WriteLine(verdict.ToString());
        verdict.Verdict.Should().StartWith("the Collector's own metrics could not be read").And.Contain("not in this local stack");
    }

    [Fact]
    public async Task A_trace_sent_to_a_wrong_port_never_reaches_Tempo()
    {
        Require("tempo");
        var diagnosis = await TempoIngestDiagnosis.NoteAsync(Stack, cancellationToken: Token);
        var wrong = new UriBuilder(Stack.Endpoint("tempo", "otlp-http")) { Port = LocalComponent.FreePort() }.Uri;
        var send = () => new OtlpEmitter(wrong, timeout: TimeSpan.FromSeconds(3)).SendTraceAsync("to nowhere", cancellationToken: Token);
        await send.Should().ThrowAsync<EmitterException>();
        var verdict = await diagnosis.ExplainAsync(Token);
        output.WriteLine(verdict.ToString());
        verdict.Verdict.Should().Contain("received 0 spans").And.Contain("never reached this Tempo");
    }

    /// <summary>Runs last in the class (xunit orders facts by name within a class only by chance): it stops Tempo and starts it again.</summary>
    [Fact]
    public async Task Zz_a_stopped_Tempo_is_named_as_down()
    {
        Require("tempo");
        var diagnosis = await TempoIngestDiagnosis.NoteAsync(Stack, cancellationToken: Token);
        await Stack.StopServiceAsync("tempo", Token);
        try
        {
            var send = () => new OtlpEmitter(Stack.Endpoint("tempo", "otlp-http"), timeout: TimeSpan.FromSeconds(3)).SendTraceAsync("to a stopped Tempo", cancellationToken: Token);
            await send.Should().ThrowAsync<EmitterException>();
            var verdict = await diagnosis.ExplainAsync(Token);
            output.WriteLine(verdict.ToString());
            verdict.Verdict.Should().Contain("Tempo's own metrics could not be read").And.Contain("Tempo is down");
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await Stack.StartServiceAsync("tempo", timeout.Token);
        }
    }

    /// <summary>One service of a stack at a given URL: the multi-tenant Loki started by a test.</summary>
    private sealed class SingleService(string service, Uri url) : IStackAccess
    {
        public string Provider => "test";
        public bool IsAvailable(string name) => name == service;
        public string? Unavailable(string name) => name == service ? null : "not started by this test";
        public Uri Endpoint(string name, string port) => url;
        public IReadOnlyList<string> RunningServices => [service];
        public ServiceCredentials? Credentials(string name) => null;
    }
}
