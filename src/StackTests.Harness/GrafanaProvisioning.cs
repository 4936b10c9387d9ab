using System.Text.Json;
using System.Text.Json.Nodes;
using StackTests.Harness.Clients;
using YamlDotNet.RepresentationModel;

namespace StackTests.Harness;

/// <summary>
/// The datasources compose provisions into Grafana (compose/grafana/provisioning/datasources),
/// read from the files themselves: what Grafana would serve from /api/datasources, for a stack
/// that runs no Grafana. Grafana's provisioning reads "$$" as a literal "$" (Grafana docs, "Provision Grafana", environment variables);
/// other environment references are left as written.
/// </summary>
public static class GrafanaProvisioning
{
    public static string DatasourcesFolder => Path.Combine(RepositoryLayout.Root, "compose", "grafana", "provisioning", "datasources");

    public static IReadOnlyList<GrafanaDatasource> Datasources() =>
        Directory.EnumerateFiles(DatasourcesFolder)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => Read(f, File.ReadAllText(f)))
            .ToList();

    public static GrafanaDatasource Datasource(string uid) =>
        Datasources().FirstOrDefault(d => d.Uid == uid)
        ?? throw new InvalidOperationException($"{DatasourcesFolder}: no datasource with uid '{uid}' is provisioned");

    /// <summary>The datasources of one provisioning file.</summary>
    public static IReadOnlyList<GrafanaDatasource> Read(string path, string text)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidOperationException($"{path}:{e.Start.Line}: {e.Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root ||
            !root.Children.TryGetValue(new YamlScalarNode("datasources"), out var list) || list is not YamlSequenceNode datasources)
            return [];
        return datasources.OfType<YamlMappingNode>()
            .Select(ds => GrafanaDatasource.Parse(JsonSerializer.SerializeToElement(ToJson(ds))))
            .ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } flag => JsonValue.Create(flag.Value == "true"),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value?.Replace("$$", "$")),
        _ => null,
    };
}
