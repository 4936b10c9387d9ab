[assembly: StackTests.Acceptance.ScenarioRunSettings]

namespace StackTests.Acceptance;

/// <summary>
/// The Gherkin engine's settings, taken from the suite's: only the five the engine knows, so that
/// nothing of the stack reaches it.
/// </summary>
public sealed class ScenarioRunSettingsAttribute : RunSettingsAttribute
{
    public override RunSettings Settings
    {
        get
        {
            var suite = SuiteSettings.Current;
            var features = suite.FeaturesFolder ?? throw new FeatureFileException(
                $"no features folder: no {RepositoryRoot.Marker} above the test binaries; set STACKTESTS_FEATURES or STACKTESTS_ROOT");
            return new RunSettings(features, suite.Tags, suite.DryRun, suite.ReportDirectory, suite.FailOnSkip);
        }
    }
}
