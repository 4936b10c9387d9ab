using System.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using StackTests.Harness.Clients;

namespace StackTests.Harness;

/// <summary>How long to poll for a condition and how often.</summary>
public sealed record EventuallyOptions(TimeSpan Timeout, TimeSpan Interval)
{
    public static EventuallyOptions Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250));
}

/// <summary>
/// Polls a query until its observation satisfies a condition or the time is up. Only the query
/// is repeated, never the input that should make the condition true. On time-out the failure
/// names the condition, the query, the last observation (or error) and the time waited.
/// An attempt cut off by the deadline observed nothing, so it does not replace the last observation.
/// A PollingAbortedException from the query ends the wait at once, and so does an API answer that
/// asking again cannot change (ApiException.AnswerCannotChange: 400, 401, 403, 404 of a query
/// endpoint): the failure then gives that answer and the query, at once rather than after the time-out.
/// </summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(
        string condition,
        string query,
        Func<CancellationToken, Task<T>> observe,
        Func<T, bool> satisfied,
        EventuallyOptions? options = null,
        Func<T, string>? describe = null,
        CancellationToken cancellationToken = default)
    {
        options ??= EventuallyOptions.Default;
        describe ??= value => value?.ToString() ?? "null";
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        string last = "nothing observed yet";
        var cutOff = false;
        var pipeline = new ResiliencePipelineBuilder<(bool Done, T? Value)>()
            .AddTimeout(options.Timeout)
            .AddRetry(new RetryStrategyOptions<(bool Done, T? Value)>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e ? e is not (PollingAbortedException or OperationCanceledException) : !args.Outcome.Result.Done),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = options.Interval,
                UseJitter = false,
            })
            .Build();
        try
        {
            var outcome = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                try
                {
                    var value = await observe(token);
                    last = describe(value);
                    return (Done: satisfied(value), Value: (T?)value);
                }
                catch (Exception) when (token.IsCancellationRequested)
                {
                    // The deadline (or the caller) cancelled this attempt mid-request: whatever the client
                    // made of the cancellation is not an observation of the system.
                    cutOff = true;
                    throw new OperationCanceledException(token);
                }
                catch (ApiException e) when (e.AnswerCannotChange)
                {
                    throw new PollingAbortedException(
                        $"Stopped after {clock.Elapsed.TotalSeconds:0.0}s ({attempts} attempt{(attempts == 1 ? "" : "s")}) waiting for {condition}: " +
                        $"{e.Component} answered {e.Status}, which waiting cannot change.\n" +
                        $"  query: {query}\n  answer: {e.Message}", e);
                }
                catch (Exception e) when (e is not (PollingAbortedException or OperationCanceledException))
                {
                    last = $"error: {e.Message}";
                    throw;
                }
            }, cancellationToken);
            return outcome.Value!;
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new EventuallyTimeoutException(
                $"Timed out after {clock.Elapsed.TotalSeconds:0.0}s ({attempts} attempts) waiting for {condition}.\n" +
                $"  query: {query}\n  last observation: {last}" +
                (cutOff ? "\n  (the attempt in flight at the deadline was cut off)" : ""));
        }
    }
    /// <summary>
    /// Polls each of a set of queries until its answer satisfies the condition: a query whose answer
    /// did is not asked again. Returns the last answer of every query; on time-out the failure lists
    /// the queries still unsatisfied with their last answers.
    /// </summary>
    public static async Task<IReadOnlyDictionary<TQuery, TAnswer>> UntilEachAsync<TQuery, TAnswer>(
        string condition,
        string query,
        IReadOnlyList<TQuery> queries,
        Func<TQuery, CancellationToken, Task<TAnswer>> ask,
        Func<TAnswer, bool> satisfied,
        Func<TQuery, TAnswer, string> describe,
        EventuallyOptions? options = null,
        CancellationToken cancellationToken = default) where TQuery : notnull
    {
        var answers = new Dictionary<TQuery, TAnswer>();
        var pending = queries.Distinct().ToList();
        var total = pending.Count;
        await UntilAsync(
            condition,
            query,
            async token =>
            {
                foreach (var each in pending) answers[each] = await ask(each, token);
                pending = pending.Where(q => !satisfied(answers[q])).ToList();
                return pending;
            },
            unsatisfied => unsatisfied.Count == 0,
            options,
            unsatisfied => $"{unsatisfied.Count} of {total} not yet: " + string.Join("; ", unsatisfied.Select(q => describe(q, answers[q]))),
            cancellationToken);
        return answers;
    }
}

/// <summary>A condition that did not become true in time; the message holds the last observation.</summary>
public sealed class EventuallyTimeoutException(string message) : Exception(message);

/// <summary>Thrown by a polled query when waiting longer cannot help (e.g. the process exited).</summary>
public sealed class PollingAbortedException(string message, Exception? inner = null) : Exception(message, inner);
