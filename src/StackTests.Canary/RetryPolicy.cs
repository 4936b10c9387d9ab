using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Canary;

/// <summary>
/// How a sender retries a refused send: exponential backoff from Min to Max, at most MaxRetries
/// retries, all within Budget; a failure Retries says is final is not retried.
/// </summary>
public sealed record RetryPolicy(TimeSpan Min, TimeSpan Max, int MaxRetries, TimeSpan Budget, Func<Exception, bool>? IsRetryable = null)
{
    /// <summary>The OTLP exporters' retry_on_failure, shortened to the canary's scale: 100 ms doubling to 1 s, for 10 s.</summary>
    public static RetryPolicy Exporter { get; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), int.MaxValue, TimeSpan.FromSeconds(10));

    /// <summary>
    /// Alloy's loki.write defaults (grafana/alloy internal/component/loki/write/types.go,
    /// GetDefaultEndpointOptions: min_backoff_period 500ms, max_backoff_period 5m, max_backoff_retries 10),
    /// bounded by <paramref name="budget"/>; as its client, it retries 5xx, 429 and no answer, and
    /// gives up at once on any other 4xx (internal/component/common/loki/client: a batch Loki
    /// rejects is dropped). An emitter's failure is judged by Loki's answer inside it.
    /// </summary>
    public static RetryPolicy LokiWrite(TimeSpan budget) =>
        new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5), 10, budget,
            e => (e is EmitterException { InnerException: ApiException answer } ? answer : e) is not ApiException { Status: >= 400 and < 500 and not 429 });

    public bool Retries(Exception e) => IsRetryable?.Invoke(e) ?? true;

    /// <summary>The wait after the given failed try (0-based): Min doubled each time, at most Max.</summary>
    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(Max.Ticks, Min.Ticks * Math.Pow(2, Math.Min(attempt, 62))));
}
