namespace StackTests.Lint.Alloy;

/// <summary>
/// The label names present at one point of a log route, including hidden <c>__</c> ones. Some
/// sources have label families we cannot list (every Docker container label becomes
/// <c>__meta_docker_container_label_&lt;name&gt;</c>): those are kept as open prefixes.
/// </summary>
internal sealed class LabelSet
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openPrefixes = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _names;

    public bool Has(string name) => _names.Contains(name) || _openPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    public void Add(string name) => _names.Add(name);

    public void AddOpenPrefix(string prefix) => _openPrefixes.Add(prefix);

    public void Remove(Func<string, bool> predicate) => _names.RemoveWhere(n => predicate(n));

    public void UnionWith(LabelSet other)
    {
        _names.UnionWith(other._names);
        _openPrefixes.UnionWith(other._openPrefixes);
    }

    /// <summary>The labels an entry is stored with: the names not starting with <c>__</c>.</summary>
    public IEnumerable<string> Public => _names.Where(n => !n.StartsWith("__", StringComparison.Ordinal));

    public LabelSet Copy()
    {
        var copy = new LabelSet();
        copy.UnionWith(this);
        return copy;
    }

    /// <summary>What discovery.docker gives each target (Prometheus docker_sd meta labels), for a compose stack.</summary>
    public static LabelSet DockerDiscovery()
    {
        var set = new LabelSet();
        foreach (var name in DockerMetaLabels) set.Add(name);
        foreach (var label in ComposeContainerLabels) set.Add("__meta_docker_container_label_" + Sanitize(label));
        set.AddOpenPrefix("__meta_docker_container_label_");
        set.AddOpenPrefix("__meta_docker_network_label_");
        return set;
    }

    /// <summary>Targets from a discovery component the suite does not model: any meta label may be there.</summary>
    public static LabelSet UnknownDiscovery()
    {
        var set = new LabelSet();
        set.Add("__address__");
        set.AddOpenPrefix("__meta_");
        return set;
    }

    /// <summary>Set by loki.source.docker on each entry, seen only by its own relabel_rules.</summary>
    public const string DockerLogStream = "__meta_docker_container_log_stream";

    private static readonly string[] DockerMetaLabels =
    [
        "__address__", "__meta_docker_container_id", "__meta_docker_container_name", "__meta_docker_container_network_mode",
        "__meta_docker_network_id", "__meta_docker_network_name", "__meta_docker_network_ingress",
        "__meta_docker_network_internal", "__meta_docker_network_scope", "__meta_docker_network_ip",
        "__meta_docker_port_private", "__meta_docker_port_public", "__meta_docker_port_public_ip",
    ];

    // The labels docker compose puts on every container it creates.
    private static readonly string[] ComposeContainerLabels =
    [
        "com.docker.compose.project", "com.docker.compose.service", "com.docker.compose.container-number",
        "com.docker.compose.oneoff", "com.docker.compose.version", "com.docker.compose.config-hash",
        "com.docker.compose.project.working_dir", "com.docker.compose.project.config_files",
        "com.docker.compose.depends_on", "com.docker.compose.image",
    ];

    // Prometheus turns label names into valid ones by replacing every other character with '_'.
    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
}
