namespace StackTests.Lint.Alloy;

/// <summary>
/// alloy-missing-argument: the components the catalog knows have the arguments Alloy requires
/// (a missing one stops the whole config from loading, e.g. loki.source.docker without
/// <c>targets</c>) and the blocks they need to do anything (loki.write's <c>endpoint</c> with <c>url</c>).
/// </summary>
internal static class RequiredArgumentsRule
{
    public static IEnumerable<Finding> Check(AlloyConfig config)
    {
        foreach (var component in config.Graph.Components)
        {
            if (component.Schema is not { } schema) continue;
            foreach (var argument in schema.RequiredArguments.Where(a => component.Argument(a) is null))
                yield return config.Error(component.Position, AlloyRuleIds.MissingArgument,
                    $"{component.Id} has no '{argument}' argument; {component.Name} requires it and Alloy does not load the config without it");

            foreach (var required in schema.RequiredBlocks)
            {
                var blocks = component.Block.BlocksNamed(required.Name).ToList();
                if (blocks.Count == 0)
                {
                    yield return config.Error(component.Position, AlloyRuleIds.MissingArgument,
                        $"{component.Id} has no '{required.Name}' block; without it {component.Name} has nowhere to send data");
                    continue;
                }
                foreach (var block in blocks)
                foreach (var argument in required.RequiredArguments.Where(a => block.Attribute(a) is null))
                    yield return config.Error(block.NamePosition, AlloyRuleIds.MissingArgument,
                        $"the '{required.Name}' block of {component.Id} has no '{argument}' argument; it is required");
            }
        }
    }
}
