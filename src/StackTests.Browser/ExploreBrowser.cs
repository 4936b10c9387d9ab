using System.Text.Json;
using Microsoft.Playwright;
using StackTests.Harness;
using Step = StackTests.Browser.ExploreJourney.Step;

namespace StackTests.Browser;

/// <summary>How long each step of the journey may wait, and where a failed step leaves its screenshot.</summary>
public sealed record ExploreJourneyOptions(TimeSpan StepTimeout, string ScreenshotDirectory);

/// <summary>What one Explore pane shows: its visible text and how many span bars (a trace view) it has.</summary>
public sealed record ExplorePane(string Text, int SpanBars)
{
    public override string ToString()
    {
        var text = string.Join(" / ", Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"{SpanBars} span bars, \"{(text.Length > 300 ? text[..300] + "..." : text)}\"";
    }
}

/// <summary>
/// Grafana's Explore in headless Chromium, following the links between logs and traces as a user
/// does: Explore on the logs, open a line, follow its derived field's trace link (Explore opens the
/// trace in a second pane), open a span, follow "Logs for this span" (Explore replaces the second
/// pane with those logs: public/app/features/explore/state/main.ts splitOpen). Every wait is bounded
/// and a failure names what was awaited, what each pane showed, and the screenshot it left.
/// </summary>
public sealed class ExploreBrowser : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RerunEvery = TimeSpan.FromSeconds(10);

    private readonly IBrowserContext _context;
    private readonly IPage _page;
    private readonly Uri _grafana;
    private readonly ExploreJourneyOptions _options;

    private ExploreBrowser(IBrowserContext context, IPage page, Uri grafana, ExploreJourneyOptions options)
    {
        _context = context;
        _page = page;
        _grafana = grafana;
        _options = options;
    }

    public ExploreJourney Journey { get; } = new();

    /// <summary>A page logged in to Grafana (credentials in a header, never printed), wide enough for two panes side by side.</summary>
    public static async Task<ExploreBrowser> OpenAsync(DashboardBrowser chromium, Uri grafana, ServiceCredentials? login, ExploreJourneyOptions options)
    {
        var context = await chromium.NewContextAsync(new ViewportSize { Width = 1920, Height = 1200 }, login?.User, login?.Password, login?.Token);
        return new ExploreBrowser(context, await context.NewPageAsync(), grafana, options);
    }

    /// <summary>Opens Explore on a Loki datasource running a LogQL query over [from, to] (Grafana's relative times, e.g. now-15m).</summary>
    public async Task OpenLogsAsync(string lokiUid, string logql, string from, string to)
    {
        Journey.Begin(Step.LogsOpened);
        var url = new Uri(_grafana, ExploreUrl.ForLoki(lokiUid, logql, from, to));
        var response = await _page.GotoAsync(url.ToString(), new PageGotoOptions { Timeout = Bound, WaitUntil = WaitUntilState.DOMContentLoaded });
        if (response is { Ok: false })
            throw await FailAsync("logs", $"GET {url} answered {response.Status} {response.StatusText}");
        await WaitForPanesAsync("logs", "an Explore pane", panes => panes.Count > 0);
        Journey.Done(Step.LogsOpened);
    }

    /// <summary>Opens the log line containing <paramref name="line"/> and waits for its details to offer the link titled <paramref name="linkTitle"/>.</summary>
    public async Task OpenLogLineAsync(string line, string linkTitle)
    {
        Journey.Begin(Step.LogLineOpened);
        await WaitForPanesAsync("log-line", $"the logs pane to show the line \"{line}\"",
            panes => panes.Count > 0 && panes[0].Text.Contains(line, StringComparison.Ordinal), rerunQueries: true);
        // A click on the line's text opens its details (logs/components/panel/LogLine.tsx: a click
        // outside the line's buttons calls onClick, which shows LogLineDetails).
        await ClickAsync("log-line", $"the log line \"{line}\"", PaneAt(0).GetByText(line).First);
        await WaitVisibleAsync("log-line", $"the line's details to show the \"{linkTitle}\" link", LinkNamed(linkTitle));
        Journey.Done(Step.LogLineOpened);
    }

    /// <summary>Follows the line's trace link and waits until a trace view shows <paramref name="traceIdHex"/>.</summary>
    public async Task FollowTraceLinkAsync(string linkTitle, string traceIdHex)
    {
        Journey.Begin(Step.TraceOpened);
        // LogLineDetailsLinks.tsx renders each derived-field link as @grafana/ui DataLinkButton:
        // <a href=...><button>{title}</button></a>, whose onClick opens the query in a split pane.
        await ClickAsync("trace", $"the \"{linkTitle}\" link", LinkNamed(linkTitle));
        // Tempo may return the id without its leading zeros; the header shows trace.traceID
        // (TraceView/components/TracePageHeader/TracePageHeader.tsx).
        var id = traceIdHex.TrimStart('0');
        await WaitForPanesAsync("trace", $"a trace view with span bars showing trace id {traceIdHex}",
            panes => panes.Any(p => p.SpanBars > 0 && p.Text.Contains(id, StringComparison.OrdinalIgnoreCase)), rerunQueries: true);
        Journey.Done(Step.TraceOpened);
    }

    /// <summary>Opens the trace's first (root) span, follows "Logs for this span", and waits until a new logs pane shows <paramref name="line"/>.</summary>
    public async Task FollowLogsForSpanAsync(string line)
    {
        Journey.Begin(Step.LogsForSpanShown);
        var panes = await ReadPanesAsync();
        var traceIndex = panes.FindIndex(p => p.SpanBars > 0);
        if (traceIndex < 0) throw await FailAsync("span", $"no trace view left to open a span in; the page showed {Describe(panes)}");
        var tracePane = PaneAt(traceIndex);
        await ClickAsync("span", "the root span's row", tracePane.Locator(ExploreSelectors.SpanRow).First);
        var logsLink = LinkNamed(ExploreSelectors.LogsForThisSpan);
        var linksMenu = tracePane.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = ExploreSelectors.SpanLinksMenu, Exact = true });
        await WaitVisibleAsync("span", $"the span's details to show \"{ExploreSelectors.LogsForThisSpan}\" (or its \"{ExploreSelectors.SpanLinksMenu}\" menu)", logsLink.Or(linksMenu).First);
        if (await logsLink.IsVisibleAsync())
            await ClickAsync("span", $"\"{ExploreSelectors.LogsForThisSpan}\"", logsLink);
        else
        {
            await ClickAsync("span", $"the span's \"{ExploreSelectors.SpanLinksMenu}\" menu", linksMenu);
            await ClickAsync("span", $"the menu item \"{ExploreSelectors.LogsForThisSpan}\"",
                _page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = ExploreSelectors.LogsForThisSpan, Exact = true }));
        }
        // The first pane still holds the logs the journey started from: the line must show in another one.
        await WaitForPanesAsync("logs-for-span", $"a second logs pane (no trace view) to show the line \"{line}\"",
            found => found.Skip(1).Any(p => p.SpanBars == 0 && p.Text.Contains(line, StringComparison.Ordinal)), rerunQueries: true);
        Journey.Done(Step.LogsForSpanShown);
    }

    /// <summary>What each Explore pane on the page shows now.</summary>
    public async Task<List<ExplorePane>> ReadPanesAsync(CancellationToken cancellationToken = default)
    {
        var raw = await _page.EvaluateAsync<JsonElement>(ExploreSelectors.ReadPanes).WaitAsync(cancellationToken);
        return raw.EnumerateArray()
            .Select(p => new ExplorePane(p.GetProperty("text").GetString() ?? "", p.GetProperty("spanBars").GetInt32()))
            .ToList();
    }

    private float Bound => (float)_options.StepTimeout.TotalMilliseconds;

    private ILocator PaneAt(int index) => _page.Locator(ExploreSelectors.Pane).Nth(index);

    // A DataLinkButton is a link wrapping a button of the same name; either answers a click.
    private ILocator LinkNamed(string title) =>
        _page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = title, Exact = true })
            .Or(_page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = title, Exact = true })).First;

    private async Task WaitForPanesAsync(string step, string awaited, Func<List<ExplorePane>, bool> satisfied, bool rerunQueries = false)
    {
        // Explore runs a pane's query once, when the pane opens: data that arrives later shows only
        // when the query runs again. Reloading the page re-runs every pane's query from the URL,
        // which Explore keeps in step with its panes (useStateSync).
        var sinceRun = System.Diagnostics.Stopwatch.StartNew();
        List<ExplorePane>? last = null;
        async Task<List<ExplorePane>> ObserveAsync(CancellationToken token)
        {
            if (rerunQueries && last is { Count: > 0 } && !satisfied(last) && sinceRun.Elapsed > RerunEvery)
            {
                await _page.ReloadAsync(new PageReloadOptions { Timeout = Bound, WaitUntil = WaitUntilState.DOMContentLoaded });
                sinceRun.Restart();
            }
            return last = await ReadPanesAsync(token);
        }
        try
        {
            await Eventually.UntilAsync(awaited, _page.Url, ObserveAsync, satisfied,
                new EventuallyOptions(_options.StepTimeout, PollInterval), Describe);
        }
        catch (EventuallyTimeoutException e)
        {
            throw await FailAsync(step, e.Message);
        }
    }

    private async Task WaitVisibleAsync(string step, string awaited, ILocator locator)
    {
        try
        {
            await locator.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = Bound });
        }
        catch (TimeoutException)
        {
            throw await FailAsync(step, $"{awaited}: not visible within {_options.StepTimeout.TotalSeconds:0}s at {_page.Url}; the page showed {Describe(await ReadPanesAsync())}");
        }
    }

    private async Task ClickAsync(string step, string what, ILocator locator)
    {
        try
        {
            await locator.ClickAsync(new LocatorClickOptions { Timeout = Bound });
        }
        catch (TimeoutException)
        {
            throw await FailAsync(step, $"{what}: could not be clicked within {_options.StepTimeout.TotalSeconds:0}s at {_page.Url}; the page showed {Describe(await ReadPanesAsync())}");
        }
    }

    private static string Describe(List<ExplorePane> panes) =>
        panes.Count == 0 ? "no Explore pane" : $"{panes.Count} pane(s): " + string.Join("; ", panes.Select((p, i) => $"[{i + 1}] {p}"));

    private async Task<ExploreJourneyException> FailAsync(string step, string message)
    {
        Directory.CreateDirectory(_options.ScreenshotDirectory);
        var screenshot = Path.Combine(_options.ScreenshotDirectory, $"explore-{step}.png");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true, Timeout = Bound });
        return new ExploreJourneyException($"{message} (screenshot: {screenshot})", screenshot);
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}

/// <summary>A step of the Explore journey that did not see what it waited for; the screenshot shows the page then.</summary>
public sealed class ExploreJourneyException(string message, string screenshotPath) : Exception(message)
{
    public string ScreenshotPath { get; } = screenshotPath;
}
