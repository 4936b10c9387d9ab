using System.Xml.Linq;
using StackTests.Canary;
using StackTests.Harness.Canary;
using StackTests.Settings;

namespace StackTests.Tests.Canary;

/// <summary>A canary run is green only when it measured something, sent something and every restart happened.</summary>
public sealed class VerdictTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private static LedgerSummary Summary(int sent, int received, int sendFailed = 0, string? firstError = null) =>
        new(sent, sendFailed, received, sent - received, 0, 0, 0,
            new LatencySummary(received, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)),
            Enumerable.Range(0, sent - received).Select(i => (long)i).ToList(), firstError, TimeSpan.Zero);

    private static SignalOutcome Measured(string name, LedgerSummary summary) => new(name, name, summary, null, Verdict.Failures(summary, null));

    private static SignalOutcome Skipped(string name, string why) => new(name, name, null, why, []);

    private static CanaryReport Report(IReadOnlyList<SignalOutcome> signals, params RestartOutcome[] restarts) =>
        new("run-x", "local", T0, TimeSpan.FromSeconds(20), 5, signals, [], [], restarts,
            new EmitterFigures(100, 100, TimeSpan.FromSeconds(20), TimeSpan.Zero, TimeSpan.Zero, 0), []);

    private static RestartOutcome Restart(string service, string? error) =>
        new(new RestartPlan(service, TimeSpan.FromSeconds(10)), T0.AddSeconds(10), TimeSpan.FromSeconds(1), error, new Dictionary<string, int>());

    [Fact]
    public void A_run_that_measured_nothing_fails_naming_the_signals()
    {
        var report = Report([Skipped("logs", "needs loki: binary 'loki' not found (stack: local)")]);

        report.Passed.Should().BeFalse();
        report.RunFailures.Should().ContainSingle().Which.Should().Be("no requested signal was measured (logs): this run checked nothing");
        report.CountsLine().Should().Be("0 passed, 1 failed, 0 skipped");
        global::StackTests.Canary.Report.ConsoleTable(report).Should().Contain("logs: needs loki").And.Contain("NOT MEASURED");
        XDocument.Parse(global::StackTests.Canary.Report.JUnit(report)).Descendants("failure").Single().Attribute("message")!.Value
            .Should().StartWith("needs loki");
    }

    [Fact]
    public void A_signal_the_stack_cannot_serve_beside_measured_ones_is_a_skip_and_fails_under_fail_on_skip()
    {
        var report = Report([Measured("metrics", Summary(100, 100)), Skipped("logs", "needs loki: not available (stack: local)")]);

        report.Passed.Should().BeTrue("a skip is reported, and only --fail-on-skip makes it a failure");
        report.CountsLine().Should().Be("1 passed, 0 failed, 1 skipped");

        var strict = report with { FailOnSkip = true };
        strict.Passed.Should().BeFalse();
        strict.RunFailures.Should().ContainSingle().Which.Should()
            .Be("logs was not measured, a failure under --fail-on-skip: needs loki: not available (stack: local)");
        strict.CountsLine().Should().Be("1 passed, 1 failed, 0 skipped");
    }

    [Fact]
    public void A_restart_that_failed_fails_the_run_naming_the_service()
    {
        var report = Report([Measured("metrics", Summary(100, 100))], Restart("pushgateway", "exited with code 1 while starting"));

        report.Passed.Should().BeFalse();
        report.RunFailures.Should().ContainSingle().Which.Should()
            .Be("restart pushgateway@10s: pushgateway did not restart: exited with code 1 while starting");
        report.CountsLine().Should().Be("1 passed, 1 failed, 0 skipped");
        global::StackTests.Canary.Report.ConsoleTable(report).Should().Contain("FAILED: restart pushgateway@10s: pushgateway did not restart");
        (report with { Restarts = [Restart("pushgateway", null)] }).Passed.Should().BeTrue();
    }

    [Fact]
    public void A_measured_signal_with_nothing_sent_fails()
    {
        Verdict.Failures(Summary(0, 0), null).Should().ContainSingle().Which.Should().StartWith("nothing was sent");
        Verdict.Failures(Summary(10, 0, sendFailed: 10, firstError: "connection refused (127.0.2.12:9091)"), null)
            .Should().ContainSingle().Which.Should().Be("nothing was sent: all 10 sends failed, first: connection refused (127.0.2.12:9091)");
        Report([Measured("metrics", Summary(0, 0))]).Passed.Should().BeFalse();
    }

    [Fact]
    public void No_verify_runs_measure_nothing_on_purpose()
    {
        var report = Report([Skipped("metrics", "--no-verify: sent only, nothing queried")]) with { NoVerify = true };
        report.RunFailures.Should().BeEmpty();
        report.Passed.Should().BeTrue();
    }

    [Fact]
    public void Fail_on_skip_is_an_option_and_follows_the_suite_setting()
    {
        var none = SuiteSettings.From(new Dictionary<string, string>());
        CanaryOptions.Parse(["--fail-on-skip"], none).FailOnSkip.Should().BeTrue();
        CanaryOptions.Parse([], none).FailOnSkip.Should().BeFalse();
        CanaryOptions.Parse([], SuiteSettings.From(new Dictionary<string, string> { ["STACKTESTS_FAIL_ON_SKIP"] = "1" })).FailOnSkip.Should().BeTrue();
    }
}

/// <summary>The end of a run that cuts off a query in flight is not a failure of the canary (exit 3).</summary>
public sealed class PollLoopTests
{
    private sealed class CutOffProbe() : SignalProbe("metrics", null!)
    {
        public TaskCompletionSource Polling { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task PollAsync(CancellationToken cancellationToken)
        {
            Polling.TrySetResult();
            try { await Task.Delay(Timeout.Infinite, cancellationToken); }
            // As Flurl does: the cancellation comes back as the client's own error.
            catch (OperationCanceledException e) { throw new InvalidOperationException("could not be reached: A task was canceled.", e); }
        }

        public override Task SendAsync(long sequence, CancellationToken cancellationToken) => Task.CompletedTask;
        public override bool Complete => true;
        public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [];
    }

    [Fact]
    public async Task A_query_cut_off_by_the_end_of_the_run_ends_the_loop_quietly()
    {
        var probe = new CutOffProbe();
        var errors = new Dictionary<string, (int Count, string Last)> { ["metrics"] = (0, "") };
        using var stop = new CancellationTokenSource();
        var loop = ProbePolling.PollLoopAsync(probe, errors, stop.Token);
        await probe.Polling.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await stop.CancelAsync();

        await loop.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        errors["metrics"].Count.Should().Be(0, "a query the run's end cut off observed nothing");
    }
}
