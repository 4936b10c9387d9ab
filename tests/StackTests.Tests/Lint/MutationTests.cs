using StackTests.Lint;

namespace StackTests.Tests.Lint;

/// <summary>
/// Each check can fail: a planted defect in a copy of compose/ is reported with its rule id,
/// file and line. One class per area, so the areas run in parallel.
/// </summary>
public static class PlantedDefect
{
    /// <summary>Reports the mutation must cause, and returns every finding of the mutated copy.</summary>
    public static IReadOnlyList<Finding> MustBeReported(Mutation mutation)
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
        return findings;
    }
}

[Trait("Tier", "integration")]
public sealed class ComposeMutationTests
{
    [Theory]
    [MemberData(nameof(Mutations.ComposeData), MemberType = typeof(Mutations))]
    public void Planted_defect_is_reported(Mutation mutation) => _ = PlantedDefect.MustBeReported(mutation);
}

[Trait("Tier", "integration")]
public sealed class PrometheusMutationTests
{
    [Theory]
    [MemberData(nameof(Mutations.PrometheusData), MemberType = typeof(Mutations))]
    public void Planted_defect_is_reported(Mutation mutation) => _ = PlantedDefect.MustBeReported(mutation);
}

[Trait("Tier", "integration")]
public sealed class GrafanaMutationTests
{
    [Theory]
    [MemberData(nameof(Mutations.GrafanaData), MemberType = typeof(Mutations))]
    public void Planted_defect_is_reported(Mutation mutation) => _ = PlantedDefect.MustBeReported(mutation);
}

[Trait("Tier", "integration")]
public sealed class PipelineMutationTests
{
    [Theory]
    [MemberData(nameof(Mutations.PipelineData), MemberType = typeof(Mutations))]
    public void Planted_defect_is_reported(Mutation mutation) => _ = PlantedDefect.MustBeReported(mutation);
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

[Trait("Tier", "integration")]
public sealed class WiringMutationTests
{
    /// <summary>The planted defect is reported, and no error of another rule appears (compose/ lints clean).</summary>
    [Theory]
    [MemberData(nameof(WiringMutations.Data), MemberType = typeof(WiringMutations))]
    public void Planted_defect_is_reported_by_its_rule_alone(Mutation mutation)
    {
        var others = PlantedDefect.MustBeReported(mutation).Where(f => f.Severity == Severity.Error && f.RuleId != mutation.Rule).ToList();

        others.Should().BeEmpty($"'{mutation.Name}' must be reported by {mutation.Rule} alone; other errors:\n{string.Join("\n", others)}");
    }

    [Fact]
    public void Every_class_of_the_wiring_faults_has_a_planted_defect() =>
        WiringMutations.Classified.Select(c => c.Class).Distinct().Should().HaveCount(8);
}
