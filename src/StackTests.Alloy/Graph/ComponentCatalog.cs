namespace StackTests.Alloy.Graph;

/// <summary>
/// The component types the suite knows, from the Grafana Alloy component reference
/// (grafana.com/docs/alloy/latest/reference/components/): exact entries for the components the
/// stack uses, and families (<c>otelcol.exporter.*</c> exports <c>input</c>, ...) for the rest.
/// Unknown types get no schema: their exports and arguments are not checked.
/// </summary>
public static class ComponentCatalog
{
    private static readonly Dictionary<string, ComponentSchema> Exact = new[]
    {
        Schema("discovery.docker", exports: ["targets"], required: ["host"]),
        Schema("discovery.relabel", exports: ["output", "rules"], required: ["targets"]),
        Schema("local.file_match", exports: ["targets"], required: ["path_targets"]),
        Schema("local.file", exports: ["content"], required: ["filename"]),
        Schema("loki.source.docker", exports: [], required: ["host", "targets", "forward_to"]),
        Schema("loki.source.file", exports: [], required: ["targets", "forward_to"]),
        Schema("loki.source.api", exports: [], required: ["forward_to"]),
        Schema("loki.process", exports: ["receiver"], required: ["forward_to"]),
        Schema("loki.relabel", exports: ["receiver", "rules"], required: ["forward_to"]),
        Schema("loki.echo", exports: ["receiver"], required: []),
        Schema("loki.write", exports: ["receiver"], required: [], blocks: [new RequiredBlock("endpoint", ["url"])]),
        Schema("prometheus.scrape", exports: [], required: ["targets", "forward_to"]),
        Schema("prometheus.relabel", exports: ["receiver", "rules"], required: ["forward_to"]),
        Schema("prometheus.remote_write", exports: ["receiver"], required: [], blocks: [new RequiredBlock("endpoint", ["url"])]),
        Schema("otelcol.receiver.loki", exports: ["receiver"], required: [], blocks: [new RequiredBlock("output", [])]),
        Schema("otelcol.receiver.prometheus", exports: ["receiver"], required: [], blocks: [new RequiredBlock("output", [])]),
        Schema("otelcol.receiver.otlp", exports: [], required: [], blocks: [new RequiredBlock("output", [])]),
        Schema("otelcol.processor.batch", exports: ["input"], required: [], blocks: [new RequiredBlock("output", [])]),
        Schema("otelcol.exporter.otlp", exports: ["input"], required: [], blocks: [new RequiredBlock("client", ["endpoint"])]),
        Schema("otelcol.exporter.otlphttp", exports: ["input"], required: [], blocks: [new RequiredBlock("client", ["endpoint"])]),
        Schema("otelcol.exporter.loki", exports: ["input"], required: ["forward_to"]),
        Schema("otelcol.exporter.prometheus", exports: ["input"], required: ["forward_to"]),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    // Name prefix -> exports shared by the whole family.
    private static readonly (string Prefix, string[] Exports)[] Families =
    [
        ("discovery.", ["targets"]),
        ("prometheus.exporter.", ["targets"]),
        ("otelcol.receiver.", []),
        ("otelcol.processor.", ["input"]),
        ("otelcol.exporter.", ["input"]),
        ("otelcol.connector.", ["input"]),
        ("otelcol.auth.", ["handler"]),
        ("otelcol.storage.", ["handler"]),
        ("otelcol.extension.", []),
    ];

    /// <summary>First name fragments of Alloy's built-in component namespaces.</summary>
    public static readonly IReadOnlySet<string> Namespaces = new HashSet<string>(StringComparer.Ordinal)
    {
        "beyla", "database_observability", "discovery", "faro", "local", "loki", "mimir", "otelcol",
        "prometheus", "pyroscope", "remote",
    };

    /// <summary>Top-level blocks that configure Alloy itself or define modules; they are not components.</summary>
    public static readonly IReadOnlySet<string> ConfigurationBlocks = new HashSet<string>(StringComparer.Ordinal)
    {
        "argument", "declare", "export", "foreach", "http", "import.file", "import.git", "import.http",
        "import.string", "livedebugging", "logging", "remotecfg", "tracing",
    };

    /// <summary>The schema of a component type, or null when the suite does not know it.</summary>
    public static ComponentSchema? Find(string componentName)
    {
        if (Exact.TryGetValue(componentName, out var schema)) return schema;
        foreach (var (prefix, exports) in Families)
            if (componentName.StartsWith(prefix, StringComparison.Ordinal))
                return new ComponentSchema(componentName, exports, [], []);
        return null;
    }

    private static ComponentSchema Schema(string name, string[] exports, string[] required, RequiredBlock[]? blocks = null) =>
        new(name, exports, required, blocks ?? []);
}
