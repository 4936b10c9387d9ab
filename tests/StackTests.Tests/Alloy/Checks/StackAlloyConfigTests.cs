using StackTests.Compose;
using StackTests.Lint.Alloy;
using StackTests.Settings;

namespace StackTests.Tests.Alloy.Checks;

/// <summary>The stack's own Alloy config, checked against the stack's own compose.yaml.</summary>
public sealed class StackAlloyConfigTests
{
    [Fact]
    public void The_stack_alloy_config_passes_every_alloy_check()
    {
        if (RepositoryRoot.Find() is not { } root) { Assert.Skip("repository root not found: set STACKTESTS_ROOT"); return; }
        var configPath = Path.Combine(root, "compose", "alloy", "config.alloy");
        var compose = ComposeFile.Load(Path.Combine(root, "compose", "compose.yaml"));

        var findings = AlloyChecks.CheckStack(configPath, File.ReadAllText(configPath), compose);

        findings.Select(f => f.ToString()).Should().BeEmpty();
    }
}
