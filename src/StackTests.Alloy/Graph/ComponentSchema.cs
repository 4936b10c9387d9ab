namespace StackTests.Alloy.Graph;

/// <summary>
/// What the suite knows of one component type from the Alloy reference docs: the fields it
/// exports, the arguments it cannot do without, and the blocks (with their own required arguments)
/// it needs to do anything useful.
/// </summary>
public sealed record ComponentSchema(
    string Name,
    IReadOnlyList<string> Exports,
    IReadOnlyList<string> RequiredArguments,
    IReadOnlyList<RequiredBlock> RequiredBlocks)
{
    public bool HasExport(string field) => Exports.Contains(field, StringComparer.Ordinal);
}

/// <summary>A block a component needs, e.g. loki.write's <c>endpoint</c> with its <c>url</c>.</summary>
public sealed record RequiredBlock(string Name, IReadOnlyList<string> RequiredArguments);
