using StackTests.Settings;

namespace StackTests.Tests.Settings;

public sealed class SuiteSettingsTests
{
    private static SuiteSettings With(params (string Name, string Value)[] variables) =>
        SuiteSettings.From(variables.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void Unset_variables_give_the_documented_defaults()
    {
        var settings = With();
        settings.Root.Should().Be(RepositoryRoot.Search(AppContext.BaseDirectory)).And.NotBeNull("the tests run inside the repository");
        settings.FeaturesFolder.Should().Be(Path.Combine(settings.Root!, "features"));
        settings.ReportDirectory.Should().Be(Path.Combine(settings.Root!, "artifacts"));
        settings.GrammarsFolder.Should().Be(Path.Combine(settings.Root!, "tools", "grammars"));
        settings.Tags.Should().BeEmpty();
        settings.DryRun.Should().BeFalse();
        settings.FailOnSkip.Should().BeFalse();
        settings.Stack.Should().Be("auto");
        settings.Profiles.Should().Equal("core", "iot");
        settings.RunId.Should().MatchRegex("^run-[0-9]{14}-[0-9a-f]{6}$");
        settings.RunDirectory.Should().Be(Path.Combine(Path.GetTempPath(), "stacktests", settings.RunId));
        settings.Loopback.Should().Be("127.0.0");
        settings.BinDirectory.Should().BeNull();
        settings.SearchPath.Should().BeEmpty();
        settings.Chromium.Should().BeNull();
        settings.ImageRegistry.Should().BeNull();
        settings.DockerHost.Should().BeNull();
    }

    [Fact]
    public void Each_variable_overrides_its_setting()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("checkout");
        var settings = With(
            ("STACKTESTS_ROOT", root), ("STACKTESTS_FEATURES", temp.Folder("specs/features")), ("STACKTESTS_TAGS", "@metrics and not @slow"),
            ("STACKTESTS_DRY_RUN", "1"), ("STACKTESTS_FAIL_ON_SKIP", "Yes"), ("STACKTESTS_STACK", "compose"),
            ("STACKTESTS_PROFILES", " core , iot,extra "), ("STACKTESTS_RUN_ID", "ci-killed-42"), ("STACKTESTS_LOOPBACK", "127.0.5"),
            ("STACKTESTS_BIN_DIR", "/opt/bin"), ("PATH", "/a:/b::/c"), ("STACKTESTS_CHROMIUM", "/opt/chrome/chrome"),
            ("STACKTESTS_IMAGE_REGISTRY", " mirror.example:5000/ "), ("STACKTESTS_GRAMMARS_DIR", "/opt/grammars"), ("DOCKER_HOST", "tcp://127.0.0.1:2375"));
        settings.Root.Should().Be(root);
        settings.FeaturesFolder.Should().Be(Path.Combine(temp.Path, "specs", "features"));
        settings.ReportDirectory.Should().Be(Path.Combine(temp.Path, "specs", "artifacts"), "reports default to artifacts/ beside the features folder");
        settings.Tags.Should().Be("@metrics and not @slow");
        settings.DryRun.Should().BeTrue();
        settings.FailOnSkip.Should().BeTrue();
        settings.Stack.Should().Be("compose");
        settings.Profiles.Should().Equal("core", "iot", "extra");
        settings.RunId.Should().Be("ci-killed-42");
        settings.RunDirectory.Should().Be(Path.Combine(Path.GetTempPath(), "stacktests", "ci-killed-42"));
        settings.Loopback.Should().Be("127.0.5");
        settings.BinDirectory.Should().Be("/opt/bin");
        settings.SearchPath.Should().Equal("/a", "/b", "/c");
        settings.Chromium.Should().Be("/opt/chrome/chrome");
        settings.ImageRegistry.Should().Be("mirror.example:5000");
        settings.GrammarsFolder.Should().Be("/opt/grammars");
        settings.DockerHost.Should().Be("tcp://127.0.0.1:2375");
    }

    [Fact]
    public void Relative_paths_are_made_full_and_the_report_and_run_folders_can_be_named()
    {
        var settings = With(("STACKTESTS_REPORT_DIR", "out/reports"), ("STACKTESTS_RUN_DIR", "/var/tmp/run"));
        settings.ReportDirectory.Should().Be(Path.GetFullPath("out/reports"));
        settings.RunDirectory.Should().Be("/var/tmp/run");
    }

    [Fact]
    public void An_empty_variable_counts_as_unset_for_a_setting_but_is_kept_for_compose()
    {
        var settings = With(("STACKTESTS_STACK", ""), ("GRAFANA_ADMIN_PASSWORD", ""), ("GRAFANA_ADMIN_USER", "admin"));
        settings.Stack.Should().Be("auto");
        settings.Variable("GRAFANA_ADMIN_PASSWORD").Should().Be("", "compose tells ${X:-d} from ${X-d} by it");
        settings.Variable("GRAFANA_ADMIN_USER").Should().Be("admin");
        settings.Variable("UNSET_VARIABLE").Should().BeNull();
    }

    [Theory]
    [InlineData("STACKTESTS_DRY_RUN", "maybe", "STACKTESTS_DRY_RUN=maybe: not a yes/no value; use 1, true or yes, or 0, false or no")]
    [InlineData("STACKTESTS_FAIL_ON_SKIP", "2", "STACKTESTS_FAIL_ON_SKIP=2: not a yes/no value; use 1, true or yes, or 0, false or no")]
    [InlineData("STACKTESTS_PROFILES", " , ", "STACKTESTS_PROFILES= , : names nothing; give a comma-separated list")]
    [InlineData("STACKTESTS_RUN_ID", "My Run", "STACKTESTS_RUN_ID=My Run: use lower-case letters, digits, '-' and '_'*")]
    [InlineData("STACKTESTS_ROOT", "/no/such/stacktests/root", "STACKTESTS_ROOT=/no/such/stacktests/root: no such folder")]
    public void A_bad_value_fails_naming_its_variable(string name, string value, string message)
    {
        var read = () => With((name, value));
        read.Should().Throw<SettingsException>().WithMessage(message);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("NO", false)]
    [InlineData("1", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    public void Yes_no_values(string value, bool expected) => With(("STACKTESTS_DRY_RUN", value)).DryRun.Should().Be(expected);

    [Fact]
    public void Every_documented_variable_has_a_name_a_meaning_and_a_default_and_appears_once()
    {
        SuiteSettings.Variables.Should().OnlyContain(v => v.Name.Length > 0 && v.Meaning.Length > 0 && v.Default.Length > 0);
        SuiteSettings.Variables.Select(v => v.Name).Should().OnlyHaveUniqueItems();
    }
}
