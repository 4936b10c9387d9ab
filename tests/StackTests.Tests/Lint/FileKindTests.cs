using StackTests.Lint;
using StackTests.Lint.Prometheus;

namespace StackTests.Tests.Lint;

public sealed class FileKindTests
{
    [Theory]
    [InlineData("a.yaml", "services:\n  x:\n    image: y:1\n", FileKind.Compose)]
    [InlineData("a.yaml", "apiVersion: 1\ndatasources: []\n", FileKind.DatasourceProvisioning)]
    [InlineData("a.yaml", "apiVersion: 1\nproviders: []\n", FileKind.DashboardProvisioning)]
    [InlineData("a.yml", "global: {}\nscrape_configs: []\n", FileKind.PrometheusConfig)]
    [InlineData("a.yml", "groups: []\n", FileKind.PrometheusRules)]
    [InlineData("a.yml", "rule_files: [r.yml]\ntests: []\n", FileKind.PrometheusRuleTests)]
    [InlineData("a.yml", "route: {receiver: x}\nreceivers: [{name: x}]\n", FileKind.AlertmanagerConfig)]
    [InlineData("a.yaml", "receivers: {otlp: {}}\nexporters: {debug: {}}\nservice: {}\n", FileKind.CollectorConfig)]
    [InlineData("a.yaml", "server: {http_listen_port: 3200}\ndistributor: {}\n", FileKind.TempoConfig)]
    [InlineData("a.yaml", "auth_enabled: false\nschema_config: {}\n", FileKind.LokiConfig)]
    [InlineData("a.yaml", "mqtt: {server: 'tcp://m:1883'}\nmetrics: []\n", FileKind.MqttExporterConfig)]
    [InlineData("broker.conf", "listener 1883\n", FileKind.MosquittoConfig)]
    [InlineData("x.alloy", "", FileKind.Alloy)]
    [InlineData("d.json", "{\"panels\": []}", FileKind.Dashboard)]
    [InlineData("d.json", "{\"name\": \"package\"}", FileKind.Unknown)]
    [InlineData("notes.yaml", "shopping: [milk]\n", FileKind.Unknown)]
    [InlineData("broken.yaml", "a: [1\n", FileKind.Unknown)]
    public void Kind_comes_from_content_and_name(string name, string text, FileKind expected) =>
        FileKinds.Detect(name, text).Should().Be(expected);

    [Fact]
    public void A_missing_tool_says_how_to_install_it()
    {
        var tool = ExternalTool.Find("promtool-that-does-not-exist");

        tool.Path.Should().BeNull();
        tool.MissingMessage.Should().Contain("STACKTESTS_BIN_DIR");
    }
}
