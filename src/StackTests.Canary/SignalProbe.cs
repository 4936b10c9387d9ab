using System.Collections.Concurrent;
using StackTests.Harness;
using StackTests.Harness.Canary;

namespace StackTests.Canary;

/// <summary>
/// One pipeline the canary drives: it sends numbered entries into the stack and, with queries only,
/// finds out which came out. The ledger keeps the books; each query is bounded by the caller.
/// </summary>
public abstract class SignalProbe(string signal, IStack stack) : IAsyncDisposable
{
    /// <summary>What the canary's entries carry as their Loki job and OTLP service name.</summary>
    public const string SenderName = "stacktests-canary";

    public string Signal { get; } = signal;
    protected IStack Stack { get; } = stack;

    /// <summary>How often to query while the run lasts.</summary>
    public virtual TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    /// <summary>The services this signal goes through.</summary>
    public static IReadOnlyList<string> ServicesOf(string signal) => signal switch
    {
        "metrics" => ["pushgateway", "prometheus"],
        "iot" => ["mosquitto", "mqtt-exporter", "prometheus"],
        "alerts" => ["pushgateway", "prometheus", "alertmanager", "alert-sink"],
        "otlp-metrics" => ["otel-collector", "prometheus"],
        "logs" => ["loki"],
        "container-logs" => ["alloy", "loki"],
        "traces" => ["otel-collector", "tempo"],
        "tempo-direct-traces" => ["tempo"],
        _ => throw new ArgumentException($"unknown signal '{signal}'"),
    };

    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends entry <paramref name="sequence"/> once; a failure is booked, not thrown.</summary>
    public abstract Task SendAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>One query of what is visible now.</summary>
    public abstract Task PollAsync(CancellationToken cancellationToken);

    /// <summary>The last query, over the whole run (what the stack stored, not only what is visible now).</summary>
    public virtual Task FinalAsync(DateTimeOffset runStart, CancellationToken cancellationToken) => PollAsync(cancellationToken);

    /// <summary>Whether everything sent so far was seen.</summary>
    public abstract bool Complete { get; }

    /// <summary>The rows this signal reports (alerts have one per stage).</summary>
    public abstract IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers { get; }

    public virtual Task CleanupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Clients keyed by endpoint: a container started again may come back on another host port.</summary>
    /// <param name="port">the name compose.yaml's x-stacktests.ports gives the port</param>
    protected T Client<T>(string service, string port, Func<Uri, T> create) where T : class
    {
        var endpoint = Stack.Endpoint(service, port);
        return (T)_clients.GetOrAdd((typeof(T), endpoint), _ => create(endpoint));
    }

    private readonly ConcurrentDictionary<(Type, Uri), object> _clients = new();

    /// <summary>Closes what the clients keep open (the MQTT connection).</summary>
    public virtual async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values.OfType<IAsyncDisposable>()) await client.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>How a failed send is retried; the Collector's and the SDKs' exporters by default.</summary>
    public virtual RetryPolicy Retry => RetryPolicy.Exporter;

    /// <summary>The bound of one entry's send, every retry included (the runner cancels it after that).</summary>
    public TimeSpan SendBound => Retry.Budget + TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends one entry, booking it as sent, each refused try as a refusal, and, when every try
    /// within the policy's budget threw, as failed. Producers retry as the stack's own senders do,
    /// so a restarted receiver costs time to visibility, and loss means data the pipeline accepted
    /// and never delivered. Its time to visibility counts from the first try.
    /// </summary>
    protected Task BookAsync(SequenceLedger ledger, long sequence, Func<Task> send, CancellationToken cancellationToken = default) =>
        BookAsync([ledger], sequence, send, cancellationToken);

    /// <summary>Books one send in several ledgers: the stages at which one entry is looked for (a trace by id and by search).</summary>
    protected async Task BookAsync(IReadOnlyList<SequenceLedger> ledgers, long sequence, Func<Task> send, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var ledger in ledgers) ledger.Sent(sequence, now);
        var tried = System.Diagnostics.Stopwatch.StartNew();
        var retry = Retry;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await send();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var backoff = retry.Backoff(attempt);
                if (!retry.Retries(e) || attempt >= retry.MaxRetries || tried.Elapsed + backoff > retry.Budget)
                {
                    foreach (var ledger in ledgers) ledger.SendFailed(sequence, e.Message);
                    return;
                }
                foreach (var ledger in ledgers) ledger.Refused(sequence, e.Message);
                await Task.Delay(backoff, cancellationToken);
            }
        }
    }
}
