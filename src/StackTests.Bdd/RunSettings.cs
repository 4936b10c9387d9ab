namespace StackTests.Bdd;

/// <summary>
/// How a test run of features is configured, from the environment:
/// STACKTESTS_FEATURES (features folder; default: the nearest "features" folder above the test binaries),
/// STACKTESTS_TAGS (a tag expression selecting scenarios, e.g. "@metrics and not @slow"),
/// STACKTESTS_DRY_RUN=1 (bind every step, run nothing),
/// STACKTESTS_REPORT_DIR (where the reports go; default: artifacts/ next to the features folder),
/// STACKTESTS_FAIL_ON_SKIP=1 (a skipped scenario counts as failed: for runs that must prove all they select).
/// </summary>
public sealed record RunSettings(string FeaturesFolder, string Tags, bool DryRun, string ReportDirectory, bool FailOnSkip = false)
{
    public static RunSettings FromEnvironment()
    {
        var features = Environment.GetEnvironmentVariable("STACKTESTS_FEATURES") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : FindFeaturesFolder();
        var root = Path.GetDirectoryName(features) ?? features;
        return new RunSettings(
            features,
            Environment.GetEnvironmentVariable("STACKTESTS_TAGS") ?? "",
            Environment.GetEnvironmentVariable("STACKTESTS_DRY_RUN") is "1" or "true" or "yes",
            Environment.GetEnvironmentVariable("STACKTESTS_REPORT_DIR") is { Length: > 0 } reports
                ? Path.GetFullPath(reports)
                : Path.Combine(root, "artifacts"),
            Environment.GetEnvironmentVariable("STACKTESTS_FAIL_ON_SKIP") is "1" or "true" or "yes");
    }

    private static string FindFeaturesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "features");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new FeatureFileException($"no 'features' folder above {AppContext.BaseDirectory}; set STACKTESTS_FEATURES");
    }
}

/// <summary>A features folder or file that cannot be used.</summary>
public sealed class FeatureFileException(string message) : Exception(message);
