using System.Collections.Concurrent;
using StackTests.Harness;
using StackTests.Harness.Canary;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Canary;

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

    private OtlpEmitter Receiver => Client(receiver, "otlp-http", url => new OtlpEmitter(url, serviceName: SenderName, runId: runId));
    private TempoClient Tempo => Client("tempo", "http", url => new TempoClient(url, timeout: TimeSpan.FromSeconds(10)));

    // Each try is a new trace: the id of the try that was delivered is the one looked for.
    public override Task SendAsync(long sequence, CancellationToken cancellationToken)
    {
        return BookAsync([_byId, _bySearch], sequence, async () =>
        {
            var trace = await Receiver.SendTraceAsync($"{SenderName} seq={sequence}", cancellationToken: cancellationToken);
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
