namespace StackTests.Browser;

/// <summary>What a rendered dashboard shows for one panel.</summary>
public sealed record PanelState(string Title, bool HasError, string ErrorText, bool ShowsNoData)
{
    public override string ToString() =>
        HasError ? $"\"{Title}\": error {ErrorText}".TrimEnd()
        : ShowsNoData ? $"\"{Title}\": no data"
        : $"\"{Title}\": ok";
}

/// <summary>The panels of one dashboard as the browser rendered them, and a screenshot of the page.</summary>
public sealed record DashboardRendering(string Uid, string Url, IReadOnlyList<PanelState> Panels, string? ScreenshotPath)
{
    public IReadOnlyList<PanelState> Errors => Panels.Where(p => p.HasError).ToList();
}
