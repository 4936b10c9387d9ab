using StackTests.Harness.Canary;

namespace StackTests.Tests.Canary;

public sealed class LedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static SequenceLedger SentEverySecond(int count)
    {
        var ledger = new SequenceLedger();
        for (var i = 0; i < count; i++) ledger.Sent(i, T0.AddSeconds(i));
        return ledger;
    }

    [Fact]
    public void Everything_seen_once_in_order_is_complete_with_no_loss()
    {
        var ledger = SentEverySecond(3);
        ledger.Observed([0], T0.AddSeconds(2));
        ledger.Observed([0, 1, 2], T0.AddSeconds(4));
        ledger.Complete.Should().BeTrue();
        var summary = ledger.Summarise();
        summary.Should().Match<LedgerSummary>(s => s.Sent == 3 && s.Received == 3 && s.Missing == 0 && s.Duplicated == 0 && s.OutOfOrder == 0);
        summary.Visibility.P50.Should().Be(TimeSpan.FromSeconds(2), "2 s, 3 s and 2 s after each was sent");
        summary.Visibility.Max.Should().Be(TimeSpan.FromSeconds(3));
        summary.LongestGap.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void An_entry_never_seen_is_missing_and_a_failed_send_is_counted()
    {
        var ledger = SentEverySecond(10);
        ledger.SendFailed(4, "connection refused");
        ledger.SendFailed(5, "connection refused");
        ledger.Observed([0, 1, 2, 3, 6, 7, 8, 9], T0.AddSeconds(12));
        ledger.Complete.Should().BeFalse();
        var summary = ledger.Summarise();
        summary.Missing.Should().Be(2);
        summary.SendFailed.Should().Be(2);
        summary.MissingSample.Should().Equal(4, 5);
        summary.FirstSendError.Should().Be("connection refused");
        summary.LongestGap.Should().Be(TimeSpan.FromSeconds(3), "3 s of sends (after 3 until 6) came out as nothing");
        ledger.MissingEntries().Select(m => m.SentAt).Should().Equal(T0.AddSeconds(4), T0.AddSeconds(5));
    }

    [Fact]
    public void An_entry_held_twice_in_one_observation_is_a_duplicate_but_seen_again_later_is_not()
    {
        var ledger = SentEverySecond(2);
        ledger.Observed([0, 1], T0.AddSeconds(3));
        ledger.Observed([0, 1, 1], T0.AddSeconds(4));
        ledger.Observed([0, 1], T0.AddSeconds(5));
        ledger.Summarise().Duplicated.Should().Be(1);
    }

    [Fact]
    public void An_entry_visible_after_a_later_numbered_one_is_out_of_order()
    {
        var ledger = SentEverySecond(4);
        ledger.Observed([0, 2, 3], T0.AddSeconds(5));
        ledger.Observed([1], T0.AddSeconds(6));
        var summary = ledger.Summarise();
        summary.OutOfOrder.Should().Be(1);
        summary.Missing.Should().Be(0);
    }

    [Fact]
    public void Entries_seen_in_one_query_together_are_in_order()
    {
        SequenceLedger.OutOfOrder([(0, T0), (1, T0), (2, T0)]).Should().Be(0);
        SequenceLedger.OutOfOrder([(0, T0.AddSeconds(2)), (1, T0.AddSeconds(1)), (2, T0)]).Should().Be(2);
    }

    [Fact]
    public void A_number_never_sent_is_unexpected_not_received()
    {
        var ledger = SentEverySecond(1);
        ledger.Observed([0, 7], T0.AddSeconds(1));
        var summary = ledger.Summarise();
        summary.Received.Should().Be(1);
        summary.Unexpected.Should().Be(1);
    }

    [Fact]
    public void Nothing_seen_gives_no_percentiles_and_the_whole_run_as_gap()
    {
        var summary = SentEverySecond(5).Summarise();
        summary.Visibility.Should().Be(LatencySummary.Empty);
        summary.LongestGap.Should().Be(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var values = Enumerable.Range(1, 100).Select(i => TimeSpan.FromMilliseconds(i)).ToList();
        var summary = LatencySummary.Of(values.AsEnumerable().Reverse());
        summary.P50.Should().Be(TimeSpan.FromMilliseconds(50));
        summary.P95.Should().Be(TimeSpan.FromMilliseconds(95));
        summary.P99.Should().Be(TimeSpan.FromMilliseconds(99));
        summary.Max.Should().Be(TimeSpan.FromMilliseconds(100));
        LatencySummary.Percentile([TimeSpan.FromSeconds(7)], 0.95).Should().Be(TimeSpan.FromSeconds(7));
        LatencySummary.Percentile([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], 0.5).Should().Be(TimeSpan.FromSeconds(1));
    }
}
