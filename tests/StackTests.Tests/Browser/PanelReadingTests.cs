using StackTests.Browser;

namespace StackTests.Tests.Browser;

/// <summary>
/// The DOM reading of DashboardBrowser in the real Debian Chromium, on markup carrying the test
/// ids Grafana's PanelChrome renders (grafana/grafana packages/grafana-e2e-selectors/src/selectors/components.ts).
/// </summary>
[Trait("Tier", "integration")]
public sealed class PanelReadingTests
{
    private const string Page = """
        <html><body>
          <section data-testid="data-testid Panel header CPU usage"><div>chart</div></section>
          <section data-testid="data-testid Panel header Ingest rate">
            <button data-testid="data-testid Panel status error" aria-label="parse error at char 5"></button>
          </section>
          <section data-testid="data-testid Panel header Devices">
            <div data-testid="data-testid Panel data error message">No data</div>
          </section>
          <div aria-label="Panel loading bar"></div>
        </body></html>
        """;

    [Fact]
    public async Task Reads_each_panel_its_error_and_missing_data()
    {
        if (ChromiumLocator.Find() is null) Assert.Skip(ChromiumLocator.MissingMessage);
        await using var browser = await DashboardBrowser.LaunchAsync(TimeSpan.FromSeconds(30));
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(Page);

        var panels = await DashboardBrowser.ReadPanelsAsync(page);

        panels.Should().Equal(
            new PanelState("CPU usage", false, "", false),
            new PanelState("Ingest rate", true, "parse error at char 5", false),
            new PanelState("Devices", false, "", true));
        (await page.EvaluateAsync<bool>(GrafanaPanelScript.AllPanelsLoaded)).Should().BeFalse("a loading bar is on the page");
    }
}
