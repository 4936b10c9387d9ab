using Microsoft.Playwright;
using StackTests.Bdd;
using StackTests.Browser;

namespace StackTests.Tests.Browser;

/// <summary>
/// The engine's cucumber.html (Cucumber.HtmlFormatter) opened in the real Debian Chromium: a run of
/// a feature with a Rule, a Scenario Outline with Examples, a data table, attachments, a skipped and
/// a failed step renders each scenario, the failure and the attachments.
/// </summary>
[Trait("Tier", "integration")]
public sealed class HtmlReportTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("stacktests-html-");

    private const string Feature = """
        Feature: Report rendering
          Rule: Services answer
            Scenario: A table of services
              Given these services:
                | name       | port |
                | prometheus | 9090 |
                | loki       | 3100 |
              Then the report attaches "a query text"

            Scenario Outline: Port <port> is checked
              Given port <port> answers
              Examples:
                | port |
                | 9091 |
                | 9093 |

          Scenario: A missing service is skipped
            Given a service that is not there
            Then the report attaches "never reached"

          Scenario: A broken check fails
            Given a check that breaks
        """;

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Chromium_shows_every_scenario_the_failure_and_the_attachment()
    {
        if (ChromiumLocator.Find() is null) Assert.Skip(ChromiumLocator.MissingMessage);
        var features = Path.Combine(_root.FullName, "features");
        Directory.CreateDirectory(features);
        File.WriteAllText(Path.Combine(features, "report.feature"), Feature);
        var reports = Path.Combine(_root.FullName, "artifacts");
        var suite = new GherkinSuite(BindingRegistry.Of(typeof(ReportSteps)), new RunSettings(features, "", false, reports));
        foreach (var test in suite.Tests())
        {
            try { await suite.RunAsync(test.Id); }
            catch (Exception e) when (e is StepFailedException or Xunit.Sdk.SkipException) { /* the page reports the failure and the skip */ }
        }
        await suite.FinishAsync();

        var html = Path.Combine(reports, "cucumber.html");
        await using var browser = await DashboardBrowser.LaunchAsync(TimeSpan.FromSeconds(30));
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(html).AbsoluteUri, new PageGotoOptions { Timeout = 30_000 });
        // The page is React: it renders from the embedded messages after load.
        await page.WaitForSelectorAsync("text=A broken check fails", new PageWaitForSelectorOptions { Timeout = 30_000 });
        // Attachments are collapsed under their name; opened, they show their content.
        await page.Locator("summary", new PageLocatorOptions { HasTextString = "time to answer on 9091" }).ClickAsync(new LocatorClickOptions { Timeout = 10_000 });
        await page.Locator("summary", new PageLocatorOptions { HasTextString = "query" }).ClickAsync(new LocatorClickOptions { Timeout = 10_000 });
        var text = await page.InnerTextAsync("body");

        errors.Should().BeEmpty("the report's script must not fail on our messages");
        text.Should().Contain("Report rendering").And.Contain("Services answer", "the Rule")
            .And.Contain("A table of services").And.Contain("Port <port> is checked").And.Contain("Examples")
            .And.Contain("A missing service is skipped").And.Contain("A broken check fails");
        text.Should().Contain("prometheus").And.Contain("3100", "the data table's cells");
        text.Should().Contain("expected 3 targets up, saw 2", "the failure message");
        text.Should().Contain("needs mimir: not available from the local stack", "the skip reason");
        text.Should().Contain("\"seconds\": 0.909", "the duration attachment, opened, shows its JSON");
        text.Should().MatchRegex(@"query\s+a query text", "the text attachment, opened, shows its content");
        text.Should().MatchRegex(@"PASSED\s*3").And.MatchRegex(@"SKIPPED\s*1").And.MatchRegex(@"FAILED\s*1");
    }
}

[Binding]
public sealed class ReportSteps(ScenarioContext context)
{
    [Given("these services:")]
    public void Services(DataTable table) => context.Output.WriteLine($"{table.Rows.Count} services");

    [Then("the report attaches {string}")]
    public void Attaches(string text) => context.Attach("query", text);

    [Given("port {int} answers")]
    public void PortAnswers(int port) => context.AttachDuration($"time to answer on {port}", TimeSpan.FromMilliseconds(port / 10));

    [Given("a service that is not there")]
    public void Missing() => context.Skip("needs mimir: not available from the local stack");

    [Given("a check that breaks")]
    public void Breaks() => throw new InvalidOperationException("expected 3 targets up, saw 2");
}
