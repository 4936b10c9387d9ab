using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace StackTests.Browser;

/// <summary>
/// Opens Grafana dashboards in headless Debian Chromium and reports every panel's state.
/// One browser per test run; one context (and so one login) per dashboard.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    // Flags for a closed network and running as root (GUIDE.md section 2).
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<DashboardBrowser> LaunchAsync(TimeSpan timeout)
    {
        var executable = ChromiumLocator.Find() ?? throw new BrowserUnavailableException(ChromiumLocator.MissingMessage);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ChromiumArguments,
                Timeout = (float)timeout.TotalMilliseconds,
            });
            return new DashboardBrowser(playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            throw new BrowserUnavailableException($"Chromium at {executable} did not start: {e.Message}");
        }
    }

    /// <summary>
    /// Opens a page, waits (bounded) until every panel has finished loading, and reads the panels.
    /// The viewport is tall so that Grafana, which loads panels lazily, renders them all.
    /// Credentials go in a header and are never printed.
    /// </summary>
    public async Task<DashboardRendering> RenderAsync(
        string uid, Uri pageUrl, string? user, string? password, TimeSpan timeout, string screenshotDirectory)
    {
        await using var context = await NewContextAsync(new ViewportSize { Width = 1600, Height = 4000 }, user, password);
        var page = await context.NewPageAsync();
        var bound = (float)timeout.TotalMilliseconds;
        var response = await page.GotoAsync(pageUrl.ToString(), new PageGotoOptions { Timeout = bound, WaitUntil = WaitUntilState.DOMContentLoaded });
        if (response is { Ok: false })
            throw new DashboardPageException($"GET {pageUrl} answered {response.Status} {response.StatusText}");

        Directory.CreateDirectory(screenshotDirectory);
        var screenshot = Path.Combine(screenshotDirectory, $"dashboard-{uid}.png");
        try
        {
            await page.WaitForSelectorAsync($"[data-testid^=\"{GrafanaPanelScript.PanelHeaderPrefix}\"]", new PageWaitForSelectorOptions { Timeout = bound });
            await page.WaitForFunctionAsync(GrafanaPanelScript.AllPanelsLoaded, null, new PageWaitForFunctionOptions { Timeout = bound, PollingInterval = 200 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            throw new DashboardPageException(
                $"{pageUrl}: panels did not finish loading within {timeout.TotalSeconds:0}s (screenshot: {screenshot})");
        }
        var panels = await ReadPanelsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        return new DashboardRendering(uid, pageUrl.ToString(), panels, screenshot);
    }

    /// <summary>
    /// A browser context logged in to Grafana with basic auth or a service account token; the
    /// credentials go in a header and are never printed.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(ViewportSize viewport, string? user, string? password, string? token = null)
    {
        var headers = new Dictionary<string, string>();
        if (token is { Length: > 0 })
            headers["Authorization"] = "Bearer " + token;
        else if (user is not null && password is not null)
            headers["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        return await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, ExtraHTTPHeaders = headers });
    }

    /// <summary>Reads the panels of whatever page is open; public so the DOM reading can be tested on its own.</summary>
    public static async Task<IReadOnlyList<PanelState>> ReadPanelsAsync(IPage page)
    {
        var raw = await page.EvaluateAsync<JsonElement>(GrafanaPanelScript.ReadPanels);
        return raw.EnumerateArray().Select(p => new PanelState(
            p.GetProperty("title").GetString() ?? "",
            p.GetProperty("error").GetBoolean(),
            (p.GetProperty("errorText").GetString() ?? "").Trim(),
            p.GetProperty("noData").GetBoolean())).ToList();
    }

    /// <summary>A fresh page, for callers that render their own content.</summary>
    public async Task<IPage> NewPageAsync() => await _browser.NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}

/// <summary>No usable browser on this host; the message says how to install one.</summary>
public sealed class BrowserUnavailableException(string message) : Exception(message);

/// <summary>A dashboard page that could not be loaded or did not finish rendering.</summary>
public sealed class DashboardPageException(string message) : Exception(message);
