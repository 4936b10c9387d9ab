using StackTests.Lint;

namespace StackTests.Tests.Lint;

/// <summary>
/// Each check can fail: a planted defect in a copy of compose/ is reported with its rule id,
/// file and line. One class per area, so the areas run in parallel.
/// </summary>
public static class PlantedDefect
{
    public static void MustBeReported(Mutation mutation)
    {
        using var stack = TestPaths.CopyOfCompose();
        var file = stack.PathOf(mutation.File);
        File.WriteAllText(file, mutation.Apply(File.ReadAllText(file)));

        var findings = new StackLinter(SharedGrammar.Value).Lint(stack.Folder);

        var expectedFile = stack.PathOf(mutation.ReportedIn ?? mutation.File);
        var reported = findings.FirstOrDefault(
            f => f.RuleId == mutation.Rule && f.Severity == Severity.Error
                 && Path.GetFullPath(f.Path) == expectedFile && f.Message.Contains(mutation.MessagePart, StringComparison.Ordinal));
        reported.Should().NotBeNull(
            $"'{mutation.Name}' must be reported as {mutation.Rule} in {mutation.ReportedIn ?? mutation.File}; findings:\n{string.Join("\n", findings)}");
        reported!.Line.Should().BePositive($"the finding names the line of the defect: {reported}");
    }
}

[Trait("Tier", "integration")]
public sealed class ComposeMutationTests
{
    [Theory]
    [MemberData(nameof(Mutations.ComposeData), MemberType = typeof(Mutations))]
    public void Planted_defect_is_reported(Mutation mutation) => PlantedDefect.MustBeReported(mutation);
}

[Trait("Tier", "integration")]
public sealed class PrometheusMutationTests
{
    [Theory]
    [MemberData(nameof(Mutations.PrometheusData), MemberType = typeof(Mutations))]
    public void Planted_defect_is_reported(Mutation mutation) => PlantedDefect.MustBeReported(mutation);
}

[Trait("Tier", "integration")]
public sealed class GrafanaMutationTests
{
    [Theory]
    [MemberData(nameof(Mutations.GrafanaData), MemberType = typeof(Mutations))]
    public void Planted_defect_is_reported(Mutation mutation) => PlantedDefect.MustBeReported(mutation);
}

[Trait("Tier", "integration")]
public sealed class PipelineMutationTests
{
    [Theory]
    [MemberData(nameof(Mutations.PipelineData), MemberType = typeof(Mutations))]
    public void Planted_defect_is_reported(Mutation mutation) => PlantedDefect.MustBeReported(mutation);
}

public sealed class MutationCatalogTests
{
    [Fact]
    public void There_are_at_least_25_distinct_mutations_covering_every_rule_family()
    {
        Mutations.All.Select(m => m.Name).Should().OnlyHaveUniqueItems().And.HaveCountGreaterThanOrEqualTo(25);
        Mutations.All.Select(m => m.Rule).Distinct().Should().HaveCountGreaterThanOrEqualTo(30, "every rule needs a mutation that trips it");
    }
}
