using StackTests.Harness;

namespace StackTests.Tests.Harness;

public sealed class EventuallyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    // Waits that must time out: long enough for a first attempt on a loaded machine, short enough for the unit tier.
    private static readonly EventuallyOptions Quick = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(10));
    // Waits that end as soon as the condition holds: the time-out only bounds a failure.
    private static readonly EventuallyOptions Generous = new(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10));

    [Fact]
    public async Task Returns_the_first_observation_that_satisfies_the_condition()
    {
        var calls = 0;
        var value = await Eventually.UntilAsync("three calls", "count", _ => Task.FromResult(++calls), n => n >= 3, Generous, cancellationToken: Token);

        value.Should().Be(3);
    }

    [Fact]
    public async Task A_time_out_names_the_condition_the_query_and_the_last_observation()
    {
        var wait = () => Eventually.UntilAsync("a green light", "GET /light", _ => Task.FromResult("red"), v => v == "green", Quick,
            describe: v => $"light is {v}", cancellationToken: Token);

        var failure = (await wait.Should().ThrowAsync<EventuallyTimeoutException>()).Which;
        failure.Message.Should().Contain("waiting for a green light").And.Contain("query: GET /light").And.Contain("last observation: light is red");
    }

    [Fact]
    public async Task An_error_is_the_last_observation_when_nothing_answered()
    {
        var wait = () => Eventually.UntilAsync<int>("an answer", "GET /", _ => throw new HttpRequestException("connection refused"), _ => true, Quick, cancellationToken: Token);

        (await wait.Should().ThrowAsync<EventuallyTimeoutException>()).Which.Message.Should().Contain("last observation: error: connection refused");
    }

    // A client turns a cancelled request into its own error ("could not be reached: The operation was
    // canceled"); that is the deadline speaking, not the system, so the answer before it stays the last one.
    [Fact]
    public async Task An_attempt_cut_off_at_the_deadline_keeps_the_observation_before_it()
    {
        var calls = 0;
        async Task<string> Observe(CancellationToken token)
        {
            if (++calls == 1) return "no target";
            try { await Task.Delay(Timeout.Infinite, token); }
            catch (OperationCanceledException e) { throw new InvalidOperationException("could not be reached: The operation was canceled.", e); }
            return "unreachable";
        }

        var wait = () => Eventually.UntilAsync("a target", "GET /targets", Observe, v => v == "target", Quick, cancellationToken: Token);

        var failure = (await wait.Should().ThrowAsync<EventuallyTimeoutException>()).Which;
        failure.Message.Should().Contain("last observation: no target").And.Contain("cut off").And.NotContain("canceled");
    }

    [Fact]
    public async Task A_polling_aborted_exception_ends_the_wait_at_once()
    {
        var calls = 0;
        var wait = () => Eventually.UntilAsync<int>("an answer", "GET /", _ => { calls++; throw new PollingAbortedException("the process exited"); }, _ => true,
            Generous, cancellationToken: Token);

        (await wait.Should().ThrowAsync<PollingAbortedException>()).Which.Message.Should().Be("the process exited");
        calls.Should().Be(1);
    }

    [Fact]
    public async Task The_caller_s_cancellation_is_not_reported_as_a_time_out()
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);
        caller.CancelAfter(TimeSpan.FromMilliseconds(50));
        var wait = () => Eventually.UntilAsync("never", "GET /", async token => { await Task.Delay(Timeout.Infinite, token); return 0; }, _ => true,
            Generous, cancellationToken: caller.Token);

        await wait.Should().ThrowAsync<OperationCanceledException>();
    }

    // UntilEachAsync: a set of queries, each polled until its own answer satisfies the condition.
    [Fact]
    public async Task A_query_that_is_satisfied_is_not_asked_again()
    {
        var asked = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0 };
        // "a" answers at once, "b" on its third time.
        var answers = await Eventually.UntilEachAsync("both", "count", ["a", "b"],
            (q, _) => Task.FromResult(q == "a" ? ++asked[q] : ++asked[q] >= 3 ? asked[q] : 0),
            n => n > 0, (q, n) => $"{q}={n}", Generous, Token);

        asked.Should().Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 3 });
        answers.Should().Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 3 });
    }

    [Fact]
    public async Task A_time_out_lists_only_the_queries_still_unsatisfied_with_their_last_answers()
    {
        var wait = () => Eventually.UntilEachAsync("every panel to have data", "POST /api/ds/query", ["cpu", "memory", "disk"],
            (q, _) => Task.FromResult(q == "memory" ? 2 : 0), rows => rows > 0, (q, rows) => $"{q}: {rows} rows", Quick, Token);

        var failure = (await wait.Should().ThrowAsync<EventuallyTimeoutException>()).Which;
        failure.Message.Should().Contain("waiting for every panel to have data").And.Contain("query: POST /api/ds/query")
            .And.Contain("2 of 3 not yet: cpu: 0 rows; disk: 0 rows").And.NotContain("memory");
    }

    [Fact]
    public async Task No_query_is_satisfied_at_once()
    {
        var answers = await Eventually.UntilEachAsync("nothing", "none", Array.Empty<string>(),
            (_, _) => Task.FromResult(0), _ => false, (q, _) => q, Quick, Token);

        answers.Should().BeEmpty();
    }
}
