namespace StackTests.Lint.Alloy;

/// <summary>alloy-duplicate-component: two components with the same name and label; Alloy refuses to load the config.</summary>
internal static class DuplicateComponentRule
{
    public static IEnumerable<Finding> Check(AlloyConfig config)
    {
        foreach (var group in config.Graph.Components.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
                yield return config.Error(duplicate.Position, AlloyRuleIds.DuplicateComponent,
                    $"{duplicate.Id} is already declared at line {first.Position.Line}; Alloy does not load a config with two components of the same name and label");
        }
    }
}
