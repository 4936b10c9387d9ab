using System.Reflection;

namespace StackTests.Bdd;

/// <summary>
/// How a test run of features is configured: the features folder, a tag expression selecting
/// scenarios (e.g. "@metrics and not @slow"), dry run (bind every step, run nothing), where
/// cucumber.ndjson goes, and whether a skipped scenario counts as failed (for runs that must prove
/// all they select). The engine reads no environment: the test assembly gives these with a
/// <see cref="RunSettingsAttribute"/>.
/// </summary>
public sealed record RunSettings(string FeaturesFolder, string Tags, bool DryRun, string ReportDirectory, bool FailOnSkip = false)
{
    /// <summary>The settings the assembly's <see cref="RunSettingsAttribute"/> gives; a clear error when it has none or they cannot be read.</summary>
    public static RunSettings Of(Assembly tests)
    {
        var source = tests.GetCustomAttribute<RunSettingsAttribute>()
            ?? throw new FeatureFileException(
                $"{tests.GetName().Name} gives no settings for its scenarios: put an attribute derived from RunSettingsAttribute on the assembly");
        try { return source.Settings; }
        catch (Exception e) when (e is not FeatureFileException)
        { throw new FeatureFileException($"the settings of {tests.GetName().Name}'s scenarios cannot be read: {e.Message}"); }
    }
}

/// <summary>
/// Gives the engine the settings of a test assembly's scenarios: derive from it, and put the derived
/// attribute on the assembly (<c>[assembly: MyRunSettings]</c>), as xunit's AssemblyFixture is put.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public abstract class RunSettingsAttribute : Attribute
{
    public abstract RunSettings Settings { get; }
}

/// <summary>A features folder or file that cannot be used.</summary>
public sealed class FeatureFileException(string message) : Exception(message);
