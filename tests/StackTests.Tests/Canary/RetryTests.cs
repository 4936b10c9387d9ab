using StackTests.Canary;
using StackTests.Harness.Canary;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Tests.Canary;

public sealed class RetryTests
{
    [Fact]
    public void Loki_write_backoff_doubles_from_500ms_to_its_5_minute_maximum()
    {
        var policy = RetryPolicy.LokiWrite(TimeSpan.FromMinutes(10));
        Enumerable.Range(0, 11).Select(policy.Backoff).Select(b => b.TotalSeconds).Should()
            .Equal(0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300);
        policy.MaxRetries.Should().Be(10);
    }

    [Fact]
    public void Loki_write_retries_no_answer_5xx_and_429_and_gives_up_on_other_4xx()
    {
        var policy = RetryPolicy.LokiWrite(TimeSpan.FromMinutes(1));
        ApiException Answer(int? status) => new("Loki", "POST /loki/api/v1/push", status, "x");
        policy.Retries(Answer(null)).Should().BeTrue("no answer: Loki is down");
        policy.Retries(Answer(500)).Should().BeTrue("500 empty ring while Loki starts");
        policy.Retries(Answer(429)).Should().BeTrue();
        policy.Retries(Answer(400)).Should().BeFalse("Loki rejected the entry; retrying cannot help");
        policy.Retries(Answer(401)).Should().BeFalse();
        policy.Retries(new EmitterException("pushing a log line to Loki failed", Answer(400))).Should().BeFalse("the emitter's failure carries Loki's answer");
        policy.Retries(new EmitterException("pushing a log line to Loki failed", Answer(503))).Should().BeTrue();
    }

    private sealed class FlakyProbe(RetryPolicy retry) : SignalProbe("logs", null!)
    {
        public readonly SequenceLedger Ledger = new();
        public int Tries;
        public int FailFirst;
        public Exception Failure = new ApiException("Loki", "POST /loki/api/v1/push", 500, "empty ring");

        public override RetryPolicy Retry => retry;
        public override Task SendAsync(long sequence, CancellationToken cancellationToken) =>
            BookAsync(Ledger, sequence, () => ++Tries <= FailFirst ? throw Failure : Task.CompletedTask, cancellationToken);
        public override Task PollAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override bool Complete => Ledger.Complete;
        public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("logs", Ledger)];
    }

    private static RetryPolicy Fast(int maxRetries = 10, Func<Exception, bool>? retryable = null) =>
        new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4), maxRetries, TimeSpan.FromSeconds(5), retryable);

    [Fact]
    public async Task An_entry_refused_while_the_receiver_is_down_and_accepted_later_is_refused_not_lost()
    {
        var probe = new FlakyProbe(Fast()) { FailFirst = 3 };
        await probe.SendAsync(0, CancellationToken.None);
        await probe.SendAsync(1, CancellationToken.None);
        probe.Ledger.Observed([1], DateTimeOffset.UtcNow);
        var summary = probe.Ledger.Summarise();
        summary.Should().Match<LedgerSummary>(s => s.RefusedThenAccepted == 1 && s.SendFailed == 0 && s.Missing == 1 && s.AcceptedAndLost == 1);
        summary.FirstRefusal.Should().Be("empty ring");
        probe.Tries.Should().Be(5, "entry 0 took four tries, entry 1 one");
    }

    [Fact]
    public async Task An_entry_refused_by_every_try_is_a_failed_send_not_a_loss()
    {
        var probe = new FlakyProbe(Fast(maxRetries: 2)) { FailFirst = 100 };
        await probe.SendAsync(0, CancellationToken.None);
        probe.Tries.Should().Be(3, "the first try and two retries");
        probe.Ledger.Summarise().Should().Match<LedgerSummary>(s => s.SendFailed == 1 && s.AcceptedAndLost == 0 && s.RefusedThenAccepted == 0);
    }

    [Fact]
    public async Task A_final_refusal_is_not_retried()
    {
        var probe = new FlakyProbe(Fast(retryable: _ => false)) { FailFirst = 100 };
        await probe.SendAsync(0, CancellationToken.None);
        probe.Tries.Should().Be(1);
        probe.Ledger.Summarise().SendFailed.Should().Be(1);
    }

    private sealed class TwoStageProbe(RetryPolicy retry) : SignalProbe("traces", null!)
    {
        public readonly SequenceLedger ById = new(), BySearch = new();
        public override RetryPolicy Retry => retry;
        public override Task SendAsync(long sequence, CancellationToken cancellationToken) =>
            BookAsync([ById, BySearch], sequence, () => throw new EmitterException("connection refused"), cancellationToken);
        public override Task PollAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override bool Complete => ById.Complete;
        public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("by id", ById), ("by search", BySearch)];
    }

    [Fact]
    public async Task A_send_refused_by_every_try_is_booked_as_such_at_every_stage_it_is_looked_for()
    {
        var probe = new TwoStageProbe(Fast(maxRetries: 1));
        await probe.SendAsync(0, CancellationToken.None);
        foreach (var ledger in new[] { probe.ById, probe.BySearch })
            ledger.Summarise().Should().Match<LedgerSummary>(s => s.SendFailed == 1 && s.AcceptedAndLost == 0, "a trace never accepted is not lost by search either");
    }

    [Fact]
    public void The_send_bound_covers_the_retry_budget()
    {
        var probe = new LogsProbe(null!, "run-1", TimeSpan.FromSeconds(60));
        probe.SendBound.Should().BeGreaterThan(TimeSpan.FromSeconds(60));
        probe.Retry.Budget.Should().Be(TimeSpan.FromSeconds(60), "a log push retries for at most the run's drain");
    }

    [Fact]
    public void Traces_sent_to_Tempo_directly_are_a_signal_of_their_own_that_needs_no_Collector()
    {
        SignalProbe.ServicesOf("tempo-direct-traces").Should().Equal("tempo");
        TracesProbe.ToTempoDirectly(null!, "run-1").Ledgers.Select(l => l.Name).Should()
            .Equal("tempo-direct-traces: by id", "tempo-direct-traces: by TraceQL search");
        TracesProbe.ThroughCollector(null!, "run-1").Ledgers.Select(l => l.Name).Should().Equal("traces: by id", "traces: by TraceQL search");
        CanaryOptions.Parse(["--signals", "logs,tempo-direct-traces"]).Signals.Should().Equal("logs", "tempo-direct-traces");
    }
}
