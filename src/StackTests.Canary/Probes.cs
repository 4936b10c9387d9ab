using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using MQTTnet;
using MQTTnet.Protocol;
using StackTests.Harness;
using StackTests.Harness.Canary;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;
using StackTests.Models.Iot;
using StackTests.Models.Prometheus;

namespace StackTests.Canary;

/// <summary>
/// Metrics through the Pushgateway: entry N is its own group (job, run_id, seq=N) holding
/// stacktests_canary_sequence = N, so Prometheus keeps one series per entry and a query on the
/// run id lists which entries arrived. Two series with one seq label are a duplicate.
/// </summary>
public sealed class MetricsProbe(IStack stack, string runId) : SignalProbe("metrics", stack)
{
    public const string Job = "stacktests-canary-metrics";
    public const string Metric = "stacktests_canary_sequence";
    private readonly SequenceLedger _ledger = new();

    private string Selector => $"{Metric}{{{TestRun.IdLabel}=\"{runId}\"}}";

    private PushgatewayEmitter Pushgateway => Client("pushgateway", "http", url => new PushgatewayEmitter(url, runId, TimeSpan.FromSeconds(5)));
    private PrometheusClient Prometheus => Client("prometheus", "http", url => new PrometheusClient(url, TimeSpan.FromSeconds(10)));

    public override Task SendAsync(long sequence, CancellationToken cancellationToken) =>
        BookAsync(_ledger, sequence, () => Pushgateway.PushAsync(Job, Grouping(sequence),
            [new PushedMetric(Metric, sequence, Help: "Entry number sent by the StackTests canary")], cancellationToken), cancellationToken);

    public override async Task PollAsync(CancellationToken cancellationToken) =>
        _ledger.Observed(Sequences(await Prometheus.QueryAsync(Selector, cancellationToken)), DateTimeOffset.UtcNow);

    public override async Task FinalAsync(DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        var window = (long)Math.Ceiling((DateTimeOffset.UtcNow - runStart).TotalSeconds) + 60;
        _ledger.Observed(Sequences(await Prometheus.QueryAsync($"max_over_time({Selector}[{window}s])", cancellationToken)), DateTimeOffset.UtcNow);
    }

    public static IEnumerable<long> Sequences(IEnumerable<Sample> samples) =>
        samples.Select(s => long.TryParse(s.Labels.GetValueOrDefault("seq"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0);

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("metrics", _ledger)];

    public override async Task CleanupAsync(CancellationToken cancellationToken)
    {
        var pushgateway = Pushgateway;
        await Parallel.ForEachAsync(Enumerable.Range(0, _ledger.SentCount), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (n, token) =>
            {
                try
                {
                    await pushgateway.DeleteAsync(Job, Grouping(n), token);
                }
                catch (EmitterException)
                {
                    // What is left goes with the stack, or with the Pushgateway's own expiry on a shared one.
                }
            });
    }

    private static Dictionary<string, string> Grouping(long sequence) => new() { ["seq"] = sequence.ToString(CultureInfo.InvariantCulture) };
}

/// <summary>
/// IoT readings through Mosquitto and mqtt2prometheus: entry N is a reading of device
/// "&lt;run id&gt;-N" whose temperature is N, so each entry becomes its own sensor series.
/// One broker connection is kept; when it drops, a send connects again (bounded), or fails.
/// </summary>
public sealed class IotProbe(IStack stack, string runId) : SignalProbe("iot", stack), IAsyncDisposable
{
    private readonly SequenceLedger _ledger = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IMqttClient? _client;
    private DateTimeOffset _lastFailedConnect = DateTimeOffset.MinValue;

    private PrometheusClient Prometheus => Client("prometheus", "http", url => new PrometheusClient(url, TimeSpan.FromSeconds(10)));
    private string Selector => $"device_temperature_celsius{{{MqttExporterConfig.DeviceLabel}=~\"{Regex.Escape(runId)}-[0-9]+\"}}";

    public override Task SendAsync(long sequence, CancellationToken cancellationToken) =>
        BookAsync(_ledger, sequence, async () =>
        {
            var client = await ConnectedAsync(cancellationToken);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(MountedConfigs.MqttExporter.TopicOf($"{runId}-{sequence}"))
                .WithPayload(MqttEmitter.BuildReadingsPayload(new Dictionary<string, double> { ["temperature"] = sequence }, runId))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(5));
            var result = await client.PublishAsync(message, bounded.Token);
            if (!result.IsSuccess) throw new EmitterException($"broker refused entry {sequence}: {result.ReasonCode}");
        }, cancellationToken);

    private async Task<IMqttClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } ready) return ready;
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_client is { IsConnected: true } connected) return connected;
            // While the broker is down, sends fail at once instead of each waiting for its own connect.
            if (DateTimeOffset.UtcNow - _lastFailedConnect < TimeSpan.FromMilliseconds(500))
                throw new EmitterException("the MQTT broker did not accept a connection just now");
            _client?.Dispose();
            _client = new MqttClientFactory().CreateMqttClient();
            var broker = Stack.Endpoint("mosquitto", "mqtt");
            var options = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port)
                .WithClientId($"stacktests-canary-{Guid.NewGuid():N}").WithTimeout(TimeSpan.FromSeconds(3)).Build();
            try
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bounded.CancelAfter(TimeSpan.FromSeconds(3));
                await _client.ConnectAsync(options, bounded.Token);
                return _client;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _lastFailedConnect = DateTimeOffset.UtcNow;
                throw new EmitterException($"cannot connect to the MQTT broker at {broker.Host}:{broker.Port}: {e.Message}", e);
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    public override async Task PollAsync(CancellationToken cancellationToken) =>
        _ledger.Observed(Sequences(await Prometheus.QueryAsync(Selector, cancellationToken), runId), DateTimeOffset.UtcNow);

    public override async Task FinalAsync(DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        var window = (long)Math.Ceiling((DateTimeOffset.UtcNow - runStart).TotalSeconds) + 60;
        _ledger.Observed(Sequences(await Prometheus.QueryAsync($"max_over_time({Selector}[{window}s])", cancellationToken), runId), DateTimeOffset.UtcNow);
    }

    public static IEnumerable<long> Sequences(IEnumerable<Sample> samples, string runId) =>
        samples.Select(s => s.Labels.GetValueOrDefault(MqttExporterConfig.DeviceLabel) is { } sensor && sensor.StartsWith(runId + "-", StringComparison.Ordinal)
                            && long.TryParse(sensor[(runId.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0);

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("iot", _ledger)];

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true })
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try { await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), bounded.Token); }
            catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException) { }
        }
        _client?.Dispose();
        _connecting.Dispose();
    }
}

/// <summary>
/// The alert path: the stack's AlertPipelineProbe rule fires while obstackd_alert_probe is pushed
/// for this run. One entry (the raise, at the run's start), seen at three stages: firing in
/// Prometheus, held by Alertmanager, and notified to the alert-sink webhook (each firing
/// notification for the run counts; a second one is a duplicate).
/// </summary>
public sealed class AlertsProbe(IStack stack, string runId) : SignalProbe("alerts", stack)
{
    private readonly SequenceLedger _prometheus = new(), _alertmanager = new(), _webhook = new();

    public override TimeSpan PollInterval => TimeSpan.FromSeconds(1);

    private PushgatewayEmitter Pushgateway => Client("pushgateway", "http", url => new PushgatewayEmitter(url, runId, TimeSpan.FromSeconds(5)));

    public override async Task SendAsync(long sequence, CancellationToken cancellationToken)
    {
        if (sequence != 0) return;
        var at = DateTimeOffset.UtcNow;
        foreach (var ledger in new[] { _prometheus, _alertmanager, _webhook }) ledger.Sent(0, at);
        try
        {
            await Pushgateway.PushAsync(AlertProbe.Job, [new PushedMetric(AlertProbe.Metric, 1, Help: "Raised by the StackTests canary")], cancellationToken);
        }
        catch (EmitterException e)
        {
            foreach (var ledger in new[] { _prometheus, _alertmanager, _webhook }) ledger.SendFailed(0, e.Message);
        }
    }

    public override async Task PollAsync(CancellationToken cancellationToken)
    {
        if (_prometheus.SentCount == 0) return;
        var prometheus = Client("prometheus", "http", url => new PrometheusClient(url, TimeSpan.FromSeconds(10)));
        var alertmanager = Client("alertmanager", "http", url => new AlertmanagerClient(url, TimeSpan.FromSeconds(10)));
        await Task.WhenAll(
            Observe(_prometheus, async () => (await prometheus.AlertsAsync(cancellationToken))
                .Count(a => a.Name == AlertProbe.Alert && a.Labels.GetValueOrDefault(TestRun.IdLabel) == runId && a.State == "firing")),
            Observe(_alertmanager, async () => (await alertmanager.AlertsAsync([$"alertname=\"{AlertProbe.Alert}\"", $"{TestRun.IdLabel}=\"{runId}\""], cancellationToken))
                .Count(a => a.State == "active")),
            Observe(_webhook, async () => FiringNotifications(await Stack.LogsAsync("alert-sink", 2000, cancellationToken), runId)));
    }

    private static async Task Observe(SequenceLedger ledger, Func<Task<int>> count) =>
        ledger.Observed(Enumerable.Repeat(0L, await count()), DateTimeOffset.UtcNow);

    /// <summary>The alert-sink's log lines that are a firing notification of the probe for this run.</summary>
    public static int FiringNotifications(IEnumerable<string> lines, string runId) =>
        lines.Count(l => l.Contains(AlertProbe.Alert, StringComparison.Ordinal) && l.Contains(runId, StringComparison.Ordinal)
                         && (l.Contains("\\\"status\\\":\\\"firing\\\"", StringComparison.Ordinal) || l.Contains("\"status\":\"firing\"", StringComparison.Ordinal)));

    public override bool Complete => _webhook.Complete && _alertmanager.Complete && _prometheus.Complete;

    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers =>
        [("alerts: firing in Prometheus", _prometheus), ("alerts: held by Alertmanager", _alertmanager), ("alerts: at the webhook receiver", _webhook)];

    public override async Task CleanupAsync(CancellationToken cancellationToken)
    {
        try { await Pushgateway.DeleteAsync(AlertProbe.Job, cancellationToken); }
        catch (EmitterException) { }
    }
}

/// <summary>
/// Log lines pushed to Loki (POST /loki/api/v1/push) under {job="stacktests-canary", run_id}, each
/// line "stacktests-canary seq=N", read back with query_range over the run: a line seen twice is a
/// duplicate. A refused push is retried as the stack's own shipper retries (Alloy's loki.write:
/// backoff from 500 ms to 5 min, 10 retries), for at most the run's drain, so a restarted Loki shows
/// as entries refused while it was down, apart from entries it accepted and lost.
/// </summary>
public sealed class LogsProbe(IStack stack, string runId, TimeSpan drain) : SignalProbe("logs", stack)
{
    private const string Job = "stacktests-canary";
    private readonly SequenceLedger _ledger = new();
    private readonly DateTimeOffset _from = DateTimeOffset.UtcNow.AddMinutes(-1);
    private static readonly Regex SequenceField = new(@"\bseq=(\d+)\b", RegexOptions.Compiled);

    public override RetryPolicy Retry { get; } = RetryPolicy.LokiWrite(drain);

    private LokiClient Loki => Client("loki", "http", url => new LokiClient(url, timeout: TimeSpan.FromSeconds(10)));

    // One timestamp per entry, whatever the tries: Loki drops a pushed-again line with the same
    // timestamp and text, so a retry of a push that did land is no duplicate.
    public override Task SendAsync(long sequence, CancellationToken cancellationToken)
    {
        var entry = new LokiEntry(DateTimeOffset.UtcNow, $"stacktests-canary {TestRun.IdLabel}={runId} seq={sequence}");
        return BookAsync(_ledger, sequence, () => Loki.PushAsync(
            [new LokiStream(new Dictionary<string, string> { ["job"] = Job, [TestRun.IdLabel] = runId }, [entry])], cancellationToken),
            cancellationToken);
    }

    public override async Task PollAsync(CancellationToken cancellationToken)
    {
        // Loki's default max_entries_limit_per_query is 5000: longer runs see the first 5000 lines.
        var result = await Loki.QueryRangeAsync($"{{job=\"{Job}\", {TestRun.IdLabel}=\"{runId}\"}}", _from, DateTimeOffset.UtcNow.AddSeconds(5),
            limit: 5000, direction: "forward", cancellationToken: cancellationToken);
        _ledger.Observed(Sequences(result.Lines.Select(l => l.Line)), DateTimeOffset.UtcNow);
    }

    public static IEnumerable<long> Sequences(IEnumerable<string> lines) =>
        lines.Select(l => SequenceField.Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("logs", _ledger)];
}

/// <summary>
/// Traces to Tempo, in the manner of tempo-vulture: entry N is one trace of three spans across two
/// services (OtlpEmitter.SendTraceAsync, root span "stacktests-canary seq=N", the run id as a
/// resource attribute), found again two ways: by id (GET /api/traces/{id}, all three spans there:
/// fewer is "missing spans", as tempo-vulture's missingspans) and by TraceQL search over the run's
/// resource attribute. Signal "traces" sends through the Collector's OTLP receiver;
/// "tempo-direct-traces" to Tempo's own OTLP receiver, where no Collector runs.
/// </summary>
public sealed class TracesProbe(IStack stack, string runId, string signal, string receiver) : SignalProbe(signal, stack)
{
    public static TracesProbe ThroughCollector(IStack stack, string runId) => new(stack, runId, "traces", "otel-collector");

    public static TracesProbe ToTempoDirectly(IStack stack, string runId) => new(stack, runId, "tempo-direct-traces", "tempo");

    private const int SpansPerTrace = 3;
    private readonly SequenceLedger _byId = new();
    private readonly SequenceLedger _bySearch = new();
    private readonly ConcurrentDictionary<long, TraceId> _sent = new();
    private readonly ConcurrentDictionary<long, int> _partial = new();
    private readonly DateTimeOffset _from = DateTimeOffset.UtcNow.AddMinutes(-1);

    private OtlpEmitter Receiver => Client(receiver, "otlp-http", url => new OtlpEmitter(url, serviceName: "stacktests-canary", runId: runId));
    private TempoClient Tempo => Client("tempo", "http", url => new TempoClient(url, timeout: TimeSpan.FromSeconds(10)));

    // Each try is a new trace: the id of the try that was delivered is the one looked for.
    public override Task SendAsync(long sequence, CancellationToken cancellationToken)
    {
        return BookAsync([_byId, _bySearch], sequence, async () =>
        {
            var trace = await Receiver.SendTraceAsync($"stacktests-canary seq={sequence}", cancellationToken: cancellationToken);
            _sent[sequence] = trace.TraceId;
        }, cancellationToken);
    }

    public override TimeSpan PollInterval => TimeSpan.FromSeconds(1);

    public override async Task PollAsync(CancellationToken cancellationToken)
    {
        // By id: only the traces not yet seen whole are asked again.
        foreach (var (sequence, id) in _sent.Where(s => !_byId.HasSeen(s.Key)).ToList())
        {
            var trace = await Tempo.TraceAsync(id, cancellationToken: cancellationToken);
            if (trace is null) continue;
            if (trace.Spans.Count >= SpansPerTrace) { _byId.Observed([sequence], DateTimeOffset.UtcNow); _partial.TryRemove(sequence, out _); }
            else _partial[sequence] = trace.Spans.Count;
        }
        // By search: Tempo returns ids without leading zeros; TraceId compares them normalised.
        var found = await Tempo.SearchAsync($"{{ resource.{OtlpEmitter.RunIdAttribute} = \"{runId}\" }}", _from, DateTimeOffset.UtcNow.AddSeconds(5),
            limit: 10_000, cancellationToken);
        var bySequence = _sent.ToDictionary(s => s.Value, s => s.Key);
        _bySearch.Observed(found.Select(t => bySequence.TryGetValue(t.TraceId, out var sequence) ? sequence : -1).Where(s => s >= 0), DateTimeOffset.UtcNow);
    }

    /// <summary>Traces found by id with fewer spans than were sent, and how many each had.</summary>
    public IReadOnlyDictionary<long, int> MissingSpans => _partial;

    public override bool Complete => _byId.Complete && _bySearch.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [($"{Signal}: by id", _byId), ($"{Signal}: by TraceQL search", _bySearch)];
}

/// <summary>
/// Metrics through the Collector: entry N adds 1 to the OTLP counter stacktests.canary.entries with
/// the attribute seq=N, which the Collector's prometheus exporter serves as
/// stacktests_canary_entries_total{run_id, seq} for Prometheus to scrape (as the OTLP metrics
/// scenario reads stacktests_probe_total). Written against the Collector's documented behaviour;
/// not run against a Collector here.
/// </summary>
public sealed class OtlpMetricsProbe(IStack stack, string runId) : SignalProbe("otlp-metrics", stack)
{
    public const string Counter = "stacktests.canary.entries";
    private readonly SequenceLedger _ledger = new();

    private string Selector => $"stacktests_canary_entries_total{{{TestRun.IdLabel}=\"{runId}\"}}";

    private OtlpEmitter Collector => Client("otel-collector", "otlp-http", url => new OtlpEmitter(url, serviceName: "stacktests-canary", runId: runId));
    private PrometheusClient Prometheus => Client("prometheus", "http", url => new PrometheusClient(url, TimeSpan.FromSeconds(10)));

    public override Task SendAsync(long sequence, CancellationToken cancellationToken) =>
        BookAsync(_ledger, sequence, () => Collector.SendCounterAsync(Counter, 1,
            new Dictionary<string, object> { ["seq"] = sequence.ToString(CultureInfo.InvariantCulture) }, cancellationToken), cancellationToken);

    public override async Task PollAsync(CancellationToken cancellationToken) =>
        _ledger.Observed(MetricsProbe.Sequences(await Prometheus.QueryAsync(Selector, cancellationToken)), DateTimeOffset.UtcNow);

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("otlp-metrics", _ledger)];
}

/// <summary>
/// Container logs through Alloy: one container of this run (LogWritingContainer) writes
/// "stacktests-canary run_id=R seq=N" at the canary's rate, Alloy ships them, and Loki is asked for
/// the writer's stream. The container paces itself, so an entry counts as sent at its scheduled
/// time. Needs a container provider; written against Alloy's and Loki's documented behaviour, not
/// run against them here.
/// </summary>
public sealed class ContainerLogsProbe(IStack stack, string runId, double rate, long planned) : SignalProbe("container-logs", stack), IAsyncDisposable
{
    private readonly SequenceLedger _ledger = new();
    private readonly DateTimeOffset _from = DateTimeOffset.UtcNow.AddMinutes(-1);
    private LogWritingContainer? _writer;
    private DateTimeOffset _started;

    private LokiClient Loki => Client("loki", "http", url => new LokiClient(url, timeout: TimeSpan.FromSeconds(10)));

    // The writer numbers its lines from 1; the canary's entries from 0.
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _writer = await LogWritingContainer.RunAsync($"stacktests-canary {TestRun.IdLabel}={runId} seq-from-1=", (int)planned,
            TimeSpan.FromSeconds(1 / rate), cancellationToken);
        _started = DateTimeOffset.UtcNow;
    }

    // The container sends on its own; the entry is booked at the time it is due.
    public override Task SendAsync(long sequence, CancellationToken cancellationToken)
    {
        _ledger.Sent(sequence, _started + TimeSpan.FromSeconds(sequence / rate));
        return Task.CompletedTask;
    }

    private static readonly Regex Numbered = new(@"seq-from-1= (\d+)$", RegexOptions.Compiled);

    public override async Task PollAsync(CancellationToken cancellationToken)
    {
        if (_writer is null) return;
        var result = await Loki.QueryRangeAsync(_writer.LokiSelector, _from, DateTimeOffset.UtcNow.AddSeconds(5),
            limit: 5000, direction: "forward", cancellationToken: cancellationToken);
        _ledger.Observed(result.Lines.Select(l => Numbered.Match(l.Line)).Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1), DateTimeOffset.UtcNow);
    }

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("container-logs", _ledger)];

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
    }
}
