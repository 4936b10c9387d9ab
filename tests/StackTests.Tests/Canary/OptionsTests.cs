using StackTests.Canary;
using StackTests.Compose;
using StackTests.Harness;
using StackTests.Settings;

namespace StackTests.Tests.Canary;

public sealed class OptionsTests
{
    private static CanaryOptions Parse(params string[] args) => CanaryOptions.Parse(args, SuiteSettings.From(new Dictionary<string, string>()));

    [Fact]
    public void Reports_go_to_canary_in_the_suites_report_folder_unless_report_dir_names_one()
    {
        var settings = SuiteSettings.From(new Dictionary<string, string> { ["STACKTESTS_REPORT_DIR"] = "out/reports" });
        CanaryOptions.Parse([], settings).ReportDirectory.Should().Be(Path.Combine(Path.GetFullPath("out/reports"), "canary"));
        CanaryOptions.Parse(["--report-dir", "elsewhere"], settings).ReportDirectory.Should().Be("elsewhere");
        var unset = SuiteSettings.From(new Dictionary<string, string>());
        CanaryOptions.Parse([], unset).ReportDirectory.Should().Be(Path.Combine(unset.ReportDirectory, "canary"), "artifacts/canary by default");
    }

    [Fact]
    public void Every_option_is_read()
    {
        var options = Parse("--stack", "local", "--duration", "20s", "--rate", "5/s", "--signals", "metrics,iot",
            "--max-p95", "metrics=10s,iot=30s", "--max-rss=prometheus=512MiB", "--restart", "pushgateway@10s",
            "--report-dir", "out", "--push-metrics", "http://127.0.0.1:9091/", "--drain", "2m", "--no-verify");
        options.Stack.Should().Be("local");
        options.Duration.Should().Be(TimeSpan.FromSeconds(20));
        options.Rate.Should().Be(5);
        options.Signals.Should().Equal("metrics", "iot");
        options.MaxP95.Should().BeEquivalentTo(new Dictionary<string, TimeSpan> { ["metrics"] = TimeSpan.FromSeconds(10), ["iot"] = TimeSpan.FromSeconds(30) });
        options.MaxRss["prometheus"].Should().Be(512L * 1024 * 1024);
        options.Restarts.Should().Equal(new RestartPlan("pushgateway", TimeSpan.FromSeconds(10)));
        options.ReportDirectory.Should().Be("out");
        options.PushMetrics.Should().Be(new Uri("http://127.0.0.1:9091/"));
        options.Drain.Should().Be(TimeSpan.FromMinutes(2));
        options.NoVerify.Should().BeTrue();
    }

    [Fact]
    public void Defaults_and_the_environment()
    {
        var options = CanaryOptions.Parse([], SuiteSettings.From(new Dictionary<string, string> { ["STACKTESTS_STACK"] = "compose" }));
        options.Stack.Should().Be("compose");
        options.Profiles.Should().Equal("core", "iot");
        options.Duration.Should().Be(TimeSpan.FromSeconds(60));
        options.Signals.Should().Equal(CanaryOptions.AllSignals);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("20s", 20)]
    [InlineData("1.5m", 90)]
    [InlineData("1h", 3600)]
    public void Durations(string text, double seconds) => CanaryOptions.ParseDuration(text).TotalSeconds.Should().Be(seconds);

    [Theory]
    [InlineData("5", 5)]
    [InlineData("5/s", 5)]
    [InlineData("300/m", 5)]
    public void Rates(string text, double perSecond) => CanaryOptions.ParseRate(text).Should().Be(perSecond);

    [Theory]
    [InlineData("512MiB", 536870912)]
    [InlineData("1GiB", 1073741824)]
    [InlineData("300MB", 300000000)]
    [InlineData("4096", 4096)]
    public void Sizes(string text, long bytes) => CanaryOptions.ParseSize(text).Should().Be(bytes);

    [Theory]
    [InlineData("--signals", "metrics,profiles", "unknown signal 'profiles'")]
    [InlineData("--duration", "20", "'20' is not a duration")]
    [InlineData("--duration", "0s", "must be more than zero")]
    [InlineData("--rate", "fast", "is not a rate")]
    [InlineData("--rate", "0/s", "must be more than zero")]
    [InlineData("--max-p95", "metrics:10s", "is not NAME=VALUE")]
    [InlineData("--max-p95", "spans=10s", "unknown signal 'spans'")]
    [InlineData("--max-rss", "prometheus=lots", "is not a size")]
    [InlineData("--restart", "pushgateway", "is not SERVICE@TIME")]
    [InlineData("--restart", "pushgateway@90s", "is not within the run's 60s")]
    [InlineData("--push-metrics", "pushgateway:9091", "is not an http(s) URL")]
    [InlineData("--colour", "red", "unknown option '--colour'")]
    public void Bad_input_is_a_usage_error_naming_the_problem(string option, string value, string message) =>
        FluentActions.Invoking(() => Parse(option, value)).Should().Throw<UsageException>().WithMessage($"*{message}*");

    [Fact]
    public void An_option_without_its_value_is_a_usage_error() =>
        FluentActions.Invoking(() => Parse("--rate")).Should().Throw<UsageException>().WithMessage("--rate needs a value");

    private static ComposeFile Compose => ComposeFile.Load(RepositoryLayout.ComposeFile);

    [Theory]
    [InlineData("external", "--restart", "prometheus@5s", "the external stack cannot restart services")]
    [InlineData("local", "--restart", "loki@5s", "'loki' is not a service of the signals metrics")]
    [InlineData("local", "--max-rss", "grafana=1GiB", "'grafana' is not a service of the signals metrics")]
    [InlineData("kubernetes", "--duration", "10s", "unknown stack provider 'kubernetes'")]
    public async Task Input_the_stack_cannot_serve_is_refused_before_anything_starts(string stack, string option, string value, string message)
    {
        var options = Parse("--stack", stack, "--signals", "metrics", option, value);
        (await CanaryInput.ProblemAsync(options, Compose, TestContext.Current.CancellationToken)).Should().Contain(message);
    }

    [Fact]
    public async Task An_unreachable_pushgateway_for_the_results_is_refused()
    {
        // Port 9 (discard) on a loopback address nothing listens on.
        var options = Parse("--stack", "local", "--signals", "metrics", "--push-metrics", "http://127.0.0.254:9/");
        (await CanaryInput.ProblemAsync(options, Compose, TestContext.Current.CancellationToken))
            .Should().StartWith("--push-metrics: the Pushgateway does not answer");
    }

    [Fact]
    public async Task A_restart_of_a_service_the_signals_use_is_accepted()
    {
        var options = Parse("--stack", "local", "--signals", "metrics,iot", "--restart", "mosquitto@5s", "--max-rss", "prometheus=1GiB");
        (await CanaryInput.ProblemAsync(options, Compose, TestContext.Current.CancellationToken)).Should().BeNull();
        CanaryInput.NeededServices(options, Compose).Should().BeEquivalentTo(["pushgateway", "prometheus", "mosquitto", "mqtt-exporter"]);
    }

    [Fact]
    public async Task The_program_exits_2_on_bad_input_without_starting_anything()
    {
        var output = new StringWriter();
        var options = Parse("--stack", "external", "--signals", "metrics", "--restart", "prometheus@5s", "--report-dir", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));
        (await new CanaryRunner(options, output).RunAsync(TestContext.Current.CancellationToken)).Should().Be(ExitCodes.BadInput);
        output.ToString().Should().Contain("cannot restart services");
        Directory.Exists(options.ReportDirectory).Should().BeFalse("nothing ran, so nothing was reported");
    }
}
