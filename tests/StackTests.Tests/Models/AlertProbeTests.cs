using StackTests.Compose;
using StackTests.Harness;
using StackTests.Models.Documents;
using StackTests.Models.Prometheus;
using YamlDotNet.RepresentationModel;

namespace StackTests.Tests.Models;

public class AlertProbeTests
{
    [Fact]
    public void Names_the_rule_of_the_stack_s_alerts_and_the_metric_it_reads()
    {
        var prometheus = ComposeFile.Load(RepositoryLayout.ComposeFile).HostPath("prometheus", "/etc/prometheus");
        var path = Path.Combine(prometheus, "rules", "stack-alerts.yml");
        var rules = YamlDoc.Parse(File.ReadAllText(path)).Seq("groups").OfType<YamlMappingNode>()
            .SelectMany(g => g.Seq("rules").OfType<YamlMappingNode>());

        rules.Should().ContainSingle(r => r.Str("alert") == AlertProbe.Alert)
            .Which.Str("expr").Should().StartWith(AlertProbe.Metric + " ");
    }
}
