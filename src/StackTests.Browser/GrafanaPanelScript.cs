namespace StackTests.Browser;

/// <summary>
/// The page script that reads each panel's state from Grafana's DOM. It relies on Grafana's
/// test ids (packages/grafana-e2e-selectors, components.ts: Panels.Panel.title,
/// Panels.Panel.status('error'), Panels.Panel.PanelDataErrorMessage; Grafana 10.4 and later).
/// </summary>
public static class GrafanaPanelScript
{
    public const string PanelHeaderPrefix = "data-testid Panel header ";
    public const string ErrorStatus = "data-testid Panel status error";
    public const string DataErrorMessage = "data-testid Panel data error message";
    public const string LoadingBar = "Panel loading bar";

    /// <summary>Returns [{title, error, errorText, noData}] for every panel on the page.</summary>
    public const string ReadPanels = $$"""
        () => [...document.querySelectorAll('[data-testid^="{{PanelHeaderPrefix}}"]')].map(panel => {
          const error = panel.querySelector('[data-testid="{{ErrorStatus}}"]');
          return {
            title: panel.getAttribute('data-testid').substring('{{PanelHeaderPrefix}}'.length),
            error: error !== null,
            errorText: error ? (error.getAttribute('aria-label') || error.getAttribute('title') || error.textContent || '') : '',
            noData: panel.querySelector('[data-testid="{{DataErrorMessage}}"]') !== null,
          };
        })
        """;

    /// <summary>True once no panel shows its loading bar.</summary>
    public const string AllPanelsLoaded = $$"""
        () => document.querySelectorAll('[aria-label="{{LoadingBar}}"]').length === 0
        """;
}
