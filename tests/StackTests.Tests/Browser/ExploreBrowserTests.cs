using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackTests.Browser;

namespace StackTests.Tests.Browser;

/// <summary>
/// How the Explore journey fails when the page it opens is not Grafana's Explore, in the real
/// Debian Chromium against a local HTTP server that answers 404 or a plain page. What the journey
/// does on Grafana's pages cannot be tested here: no Grafana runs on this machine.
/// </summary>
[Trait("Tier", "integration")]
public sealed class ExploreBrowserTests : IAsyncLifetime
{
    private readonly HttpListener _server = new();
    private readonly string _screenshots = Path.Combine(Path.GetTempPath(), $"stacktests-explore-{Guid.NewGuid():N}");
    private Uri _base = null!;
    private Task? _serving;

    public ValueTask InitializeAsync()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _base = new Uri($"http://127.0.0.1:{port}/");
        _server.Prefixes.Add(_base.ToString());
        _server.Start();
        _serving = ServeAsync();
        return ValueTask.CompletedTask;
    }

    private async Task ServeAsync()
    {
        while (_server.IsListening)
        {
            HttpListenerContext request;
            try { request = await _server.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            var missing = request.Request.Url!.AbsolutePath.StartsWith("/missing/", StringComparison.Ordinal);
            request.Response.StatusCode = missing ? 404 : 200;
            request.Response.ContentType = "text/html";
            var body = Encoding.UTF8.GetBytes(missing ? "not found" : "<html><body><p>a page without Explore</p></body></html>");
            await request.Response.OutputStream.WriteAsync(body);
            request.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: on Unix, Stop() releases the port and a Close() after it binds the port again
        // for a moment, failing with "Address already in use" when another test took it meanwhile.
        _server.Close();
        if (_serving is not null) await _serving;
        if (Directory.Exists(_screenshots)) Directory.Delete(_screenshots, recursive: true);
    }

    private async Task<(DashboardBrowser Chromium, ExploreBrowser Explore)> OpenAsync(string folder)
    {
        if (ChromiumLocator.Find() is null) Assert.Skip(ChromiumLocator.MissingMessage);
        var chromium = await DashboardBrowser.LaunchAsync(TimeSpan.FromSeconds(30));
        var explore = await ExploreBrowser.OpenAsync(chromium, new Uri(_base, folder), null,
            new ExploreJourneyOptions(TimeSpan.FromSeconds(2), _screenshots));
        return (chromium, explore);
    }

    [Fact]
    public async Task An_error_answer_fails_opening_the_logs_with_the_status_and_a_screenshot()
    {
        var (chromium, explore) = await OpenAsync("missing/");
        await using var _ = chromium;
        await using var __ = explore;

        var failure = await Assert.ThrowsAsync<ExploreJourneyException>(() => explore.OpenLogsAsync("loki", "{job=\"x\"}", "now-15m", "now"));

        failure.Message.Should().Contain("/missing/explore?panes=").And.Contain("answered 404");
        File.Exists(failure.ScreenshotPath).Should().BeTrue();
        explore.Journey.Current.Should().Be(ExploreJourney.Step.Started);
    }

    [Fact]
    public async Task A_page_without_an_Explore_pane_fails_within_the_bound_saying_what_it_waited_for_and_saw()
    {
        var (chromium, explore) = await OpenAsync("blank/");
        await using var _ = chromium;
        await using var __ = explore;
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ExploreJourneyException>(() => explore.OpenLogsAsync("loki", "{job=\"x\"}", "now-15m", "now"));

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the step waits 2 s, then takes a screenshot");
        failure.Message.Should().Contain("waiting for an Explore pane").And.Contain("last observation: no Explore pane");
        failure.Message.Should().Contain($"screenshot: {failure.ScreenshotPath}");
        File.Exists(failure.ScreenshotPath).Should().BeTrue();
    }

    [Fact]
    public async Task A_step_out_of_order_is_refused_before_the_page_is_touched()
    {
        var (chromium, explore) = await OpenAsync("blank/");
        await using var _ = chromium;
        await using var __ = explore;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => explore.FollowLogsForSpanAsync("a line"));

        failure.Message.Should().Contain("next step is \"open Explore on the logs\"");
        Directory.Exists(_screenshots).Should().BeFalse("no step ran, so none failed and left a screenshot");
    }
}
