using StackTests.Alloy.Syntax;

namespace StackTests.Alloy.Graph;

/// <summary>
/// An expression naming a component, e.g. <c>loki.write.default.receiver</c> inside
/// <c>forward_to</c> of <c>loki.source.docker.logs</c>. Target is null when no declared component
/// matches; Export is the field after the component id (null when the whole component is named).
/// </summary>
public sealed record ComponentReference(
    Component From,
    string ArgumentPath,
    Expression Expression,
    IReadOnlyList<string> Fragments,
    Component? Target,
    string? Export)
{
    /// <summary>The reference as written, e.g. <c>loki.write.default.receiver</c>.</summary>
    public string Text => string.Join('.', Fragments);

    public Position Position => Expression.Start;

    public bool IsResolved => Target is not null;

    public override string ToString() => $"{From.Id}.{ArgumentPath} -> {Text}";
}
