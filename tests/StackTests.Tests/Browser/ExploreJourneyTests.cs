using StackTests.Browser;
using Step = StackTests.Browser.ExploreJourney.Step;

namespace StackTests.Tests.Browser;

public sealed class ExploreJourneyTests
{
    private static ExploreJourney Completed()
    {
        var journey = new ExploreJourney();
        foreach (var step in new[] { Step.LogsOpened, Step.LogLineOpened, Step.TraceOpened, Step.LogsForSpanShown })
        {
            journey.Begin(step);
            journey.Done(step);
        }
        return journey;
    }

    [Fact]
    public void Goes_from_the_logs_to_the_trace_and_back_in_order() =>
        Completed().Current.Should().Be(Step.LogsForSpanShown);

    [Fact]
    public void Following_the_trace_link_before_opening_the_logs_names_the_step_to_take_first()
    {
        var act = () => new ExploreJourney().Begin(Step.TraceOpened);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("cannot \"follow the line's trace link\" now: after \"start\" the journey's next step is \"open Explore on the logs\"");
    }

    [Fact]
    public void A_step_that_did_not_complete_is_not_passed()
    {
        var journey = new ExploreJourney();
        journey.Begin(Step.LogsOpened);

        // Begun, never done: the logs never showed, so the line cannot be opened.
        var act = () => journey.Begin(Step.LogLineOpened);

        act.Should().Throw<InvalidOperationException>().WithMessage("*next step is \"open Explore on the logs\"");
    }

    [Fact]
    public void Nothing_follows_a_completed_journey()
    {
        var journey = Completed();

        var act = () => journey.Begin(Step.LogsOpened);

        act.Should().Throw<InvalidOperationException>().WithMessage("*the journey is complete");
    }
}
