namespace StackTests.Browser;

/// <summary>
/// What the Explore journey finds on Grafana's pages, each with the source it comes from. The
/// e2e-selectors values are those of @grafana/e2e-selectors 12.4.11 (the version compose pins),
/// resolved for 12.4 from packages/grafana-e2e-selectors/src/selectors/{pages,components}.ts.
/// </summary>
public static class ExploreSelectors
{
    /// <summary>One Explore pane (pages.ts Explore.General.container; ExplorePaneContainer.tsx sets it on each pane's root).</summary>
    public const string Pane = "[data-testid=\"data-testid Explore\"]";

    /// <summary>
    /// The bar of one span in a trace view (components.ts TraceViewer.spanBar, set by
    /// TraceView/components/TraceTimelineViewer/SpanBar.tsx; Grafana's own
    /// e2e-playwright/various-suite/trace-view-scrolling.spec.ts counts span bars with it).
    /// </summary>
    public const string SpanBar = "[data-testid=\"data-testid SpanBar--wrapper\"]";

    /// <summary>
    /// The timeline cell of a span row; a click toggles the span's details
    /// (TraceView/components/TraceTimelineViewer/SpanBarRow.tsx data-testid="span-view";
    /// Grafana's own TraceView.test.tsx "toggles detailState" clicks it).
    /// </summary>
    public const string SpanRow = "[data-testid=\"span-view\"]";

    /// <summary>
    /// The text of a span's trace-to-logs link in its details
    /// (TraceView/components/TraceTimelineViewer/SpanDetail/SpanDetailLinkButtons.tsx: a DataLinkButton,
    /// or with more than three links an item of the "Links" dropdown menu).
    /// </summary>
    public const string LogsForThisSpan = "Logs for this span";

    /// <summary>The dropdown SpanDetailLinkButtons.tsx shows instead of buttons when a span has more than three links.</summary>
    public const string SpanLinksMenu = "Links";

    /// <summary>Each pane's visible text and number of span bars (a trace view): what the journey waits on and reports.</summary>
    public const string ReadPanes = $$"""
        () => [...document.querySelectorAll('{{Pane}}')].map(pane => ({
          text: pane.innerText || '',
          spanBars: pane.querySelectorAll('{{SpanBar}}').length,
        }))
        """;
}
