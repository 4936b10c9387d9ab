using StackTests.Settings;

namespace StackTests.Browser;

/// <summary>
/// The system's Chromium (Debian package "chromium"), or STACKTESTS_CHROMIUM. Playwright's own
/// browser downloads are never used.
/// </summary>
public static class ChromiumLocator
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>STACKTESTS_CHROMIUM when that file exists, else the first of Chromium's names the binary finder finds.</summary>
    public static string? Find() =>
        SuiteSettings.Current.Chromium is { } configured
            ? File.Exists(configured) ? configured : null
            : BinaryFinder.FindAny(Names);

    public static string MissingMessage => SuiteSettings.Current.Chromium is { } configured
        ? $"Chromium not found: STACKTESTS_CHROMIUM={configured} is not a file"
        : "Chromium not found (chromium, chromium-browser or google-chrome in STACKTESTS_BIN_DIR, PATH or /usr/bin): " +
          "install it with 'apt-get install -y --no-install-recommends chromium', or set STACKTESTS_CHROMIUM";
}
