using StackTests.Harness.Canary;

namespace StackTests.Tests.Canary;

public sealed class LedgerHasSeenTests
{
    [Fact]
    public void An_entry_is_seen_once_a_query_returned_it_and_not_before()
    {
        var ledger = new SequenceLedger();
        var at = DateTimeOffset.UtcNow;
        ledger.Sent(1, at);
        ledger.Sent(2, at);
        ledger.HasSeen(1).Should().BeFalse();
        ledger.Observed([1], at.AddSeconds(1));
        ledger.HasSeen(1).Should().BeTrue();
        ledger.HasSeen(2).Should().BeFalse();
        ledger.Complete.Should().BeFalse();
    }
}
