using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StackTests.Models.Documents;

/// <summary>A YAML file that is not valid YAML; names the line and column of the problem.</summary>
public sealed class YamlSyntaxException(int line, int column, string problem) : Exception(problem)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>Small helpers to read YAML configs while keeping line numbers for findings.</summary>
public static class YamlDoc
{
    /// <summary>The root mapping of the first document; an empty mapping for an empty file.</summary>
    public static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            var problem = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            throw new YamlSyntaxException((int)e.Start.Line, (int)e.Start.Column, problem);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some malformed input (an unclosed [ or {),
            // without a position: name the last token it could read.
            var (line, column) = LastReadablePosition(text);
            throw new YamlSyntaxException(line, column, $"not valid YAML after this point (an unclosed bracket or quote?): {e.Message}");
        }
        if (stream.Documents.Count == 0) return new YamlMappingNode();
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new YamlSyntaxException((int)stream.Documents[0].RootNode.Start.Line, 1, "expected a mapping at the top level");
    }

    private static (int Line, int Column) LastReadablePosition(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        var last = Mark.Empty;
        try
        {
            while (scanner.MoveNext()) last = scanner.Current!.Start;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // The position of the last good token is what we wanted.
        }
        return ((int)last.Line, (int)last.Column);
    }

    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode? Map(this YamlMappingNode map, string key) => map.Get(key) as YamlMappingNode;

    public static IEnumerable<YamlNode> Seq(this YamlMappingNode map, string key) =>
        map.Get(key) is YamlSequenceNode seq ? seq.Children : [];

    public static string? Str(this YamlMappingNode map, string key) => (map.Get(key) as YamlScalarNode)?.Value;

    /// <summary>Follows a path of keys through nested mappings.</summary>
    public static YamlNode? At(this YamlMappingNode map, params string[] path)
    {
        YamlNode? node = map;
        foreach (var key in path)
            node = node is YamlMappingNode m ? m.Get(key) : null;
        return node;
    }

    public static int Line(this YamlNode node) => (int)node.Start.Line;

    public static int Column(this YamlNode node) => (int)node.Start.Column;
}
