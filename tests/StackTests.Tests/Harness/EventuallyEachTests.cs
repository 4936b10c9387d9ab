using StackTests.Harness;

namespace StackTests.Tests.Harness;

public sealed class EventuallyEachTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static readonly EventuallyOptions Quick = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(10));
    private static readonly EventuallyOptions Generous = new(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10));

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
