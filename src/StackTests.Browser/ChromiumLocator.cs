namespace StackTests.Browser;

/// <summary>
/// The system's Chromium (Debian package "chromium"), or STACKTESTS_CHROMIUM. Playwright's own
/// browser downloads are never used.
/// </summary>
public static class ChromiumLocator
{
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("STACKTESTS_CHROMIUM") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
    }

    public static string MissingMessage =>
        "Chromium not found (/usr/bin/chromium or STACKTESTS_CHROMIUM): install it with 'apt-get install -y --no-install-recommends chromium'";
}
