using StackTests.Harness.Providers;
using StackTests.Settings;

namespace StackTests.Tests.Harness.Providers;

/// <summary>What a service ran from, as a result's evidence says it.</summary>
public sealed class OriginTests
{
    [Fact]
    public void An_image_CI_built_from_Debian_packages_says_what_it_stands_in_for_and_where_its_version_differs()
    {
        var labels = new Dictionary<string, string>
        {
            [DockerResources.UpstreamLabel] = "prom/prometheus:v3.5.3",
            [DockerResources.VersionNoteLabel] = "Debian's prometheus 3.5.3+ds1",
        };
        DockerResources.DescribeImage("stacktests.local/prom/prometheus:v3.5.3", labels).Should().Be(
            "image stacktests.local/prom/prometheus:v3.5.3, built from Debian packages standing in for prom/prometheus:v3.5.3 (Debian's prometheus 3.5.3+ds1)");
    }

    [Fact]
    public void An_upstream_image_is_named_as_it_is()
    {
        DockerResources.DescribeImage("grafana/grafana:12.4.11", new Dictionary<string, string>()).Should().Be("image grafana/grafana:12.4.11");
    }

    [Fact]
    public void A_local_binary_says_whether_it_is_Debian_s()
    {
        var settings = SuiteSettings.From(new Dictionary<string, string> { ["STACKTESTS_BIN_DIR"] = "/opt/bins" });
        LocalStack.DescribeBinary("/usr/bin/prometheus", settings).Should().Be("local process /usr/bin/prometheus (Debian package, standing in for compose's image)");
        LocalStack.DescribeBinary("/repo/.tools/sid/usr/bin/prometheus", settings).Should().Be("local process /repo/.tools/sid/usr/bin/prometheus (Debian sid package, standing in for compose's image)");
        LocalStack.DescribeBinary("/opt/bins/loki", settings).Should().Be("local process /opt/bins/loki (from STACKTESTS_BIN_DIR)");
    }
}
