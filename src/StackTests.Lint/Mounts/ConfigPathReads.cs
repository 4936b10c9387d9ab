using System.Text.RegularExpressions;
using StackTests.Alloy.Graph;
using StackTests.Alloy.Syntax;
using StackTests.Lint.Alloy;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Mounts;

/// <summary>
/// The absolute paths each kind of config makes its component read (relative ones depend on the
/// working directory and are left alone). Paths a component writes (Loki's and Tempo's storage,
/// Mosquitto's persistence_location, the Collector's file exporter) are not reads. Sources:
/// - Prometheus: file_sd_configs files, and the *_file settings of HTTP clients (TLS ca/cert/key,
///   password_file, credentials_file, bearer_token_file), docs configuration.md;
///   rule_files is prometheus-rule-files' job.
/// - Alertmanager: templates ("files from which custom notification template definitions are
///   read") and the *_file settings of receivers and HTTP clients, docs configuration.md.
/// - Alloy: discovery.docker and loki.source.docker connect to `host` (unix:///var/run/docker.sock),
///   local.file_match's path_targets `__path__` are the files loki.source.file tails (Alloy reference docs).
/// - Mosquitto: password_file, acl_file, psk_file, cafile, certfile, keyfile, capath, include_dir
///   (mosquitto.conf(5); a missing password file stops the broker: "Error: Unable to open pwfile").
/// - OpenTelemetry Collector: the TLS settings ca_file, cert_file, key_file, client_ca_file
///   (configtls), and the filelog / otlpjsonfile receivers' include globs.
/// </summary>
public static partial class ConfigPathReads
{
    private static readonly HashSet<string> PrometheusFileKeys =
        ["ca_file", "cert_file", "key_file", "password_file", "credentials_file", "bearer_token_file"];

    private static readonly HashSet<string> CollectorTlsKeys = ["ca_file", "cert_file", "key_file", "client_ca_file"];

    private static readonly HashSet<string> MosquittoFileKeys =
        ["password_file", "acl_file", "psk_file", "cafile", "certfile", "keyfile", "capath", "include_dir"];

    public static IReadOnlyList<PathRead> Of(FileKind kind, string path, string text) => kind switch
    {
        FileKind.PrometheusConfig => Yaml(text, Prometheus),
        FileKind.AlertmanagerConfig => Yaml(text, Alertmanager),
        FileKind.CollectorConfig => Yaml(text, Collector),
        FileKind.Alloy => Alloy(path, text),
        FileKind.MosquittoConfig => Mosquitto(text),
        _ => [],
    };

    private static IReadOnlyList<PathRead> Yaml(string text, Func<YamlMappingNode, IEnumerable<PathRead>> reads)
    {
        try { return reads(YamlDoc.Parse(text)).Where(r => r.ContainerPath.StartsWith('/')).ToList(); }
        catch (YamlSyntaxException) { return []; } // the file's own check reports it
    }

    private static IEnumerable<PathRead> Prometheus(YamlMappingNode root)
    {
        foreach (var job in root.Seq("scrape_configs").OfType<YamlMappingNode>())
        {
            var name = job.Str("job_name") ?? "?";
            foreach (var sd in job.Seq("file_sd_configs").OfType<YamlMappingNode>())
                foreach (var file in sd.Seq("files").OfType<YamlScalarNode>())
                    yield return Read(file, $"file_sd_configs of job '{name}'", Severity.Error, "Prometheus finds no target file there, so the job scrapes nothing");
        }
        foreach (var (key, value) in KeysAnywhere(root, k => PrometheusFileKeys.Contains(k)))
            yield return Read(value, key, Severity.Error, "Prometheus cannot read it, so the scrapes or writes that use it fail");
    }

    private static IEnumerable<PathRead> Alertmanager(YamlMappingNode root)
    {
        foreach (var template in root.Seq("templates").OfType<YamlScalarNode>())
            yield return Read(template, "templates", Severity.Warning, "Alertmanager loads no template from it; a receiver using one of its templates fails to notify");
        foreach (var (key, value) in KeysAnywhere(root, k => k.EndsWith("_file", StringComparison.Ordinal)))
            yield return Read(value, key, Severity.Error, "Alertmanager cannot read it, so notifications that need it fail");
    }

    private static IEnumerable<PathRead> Collector(YamlMappingNode root)
    {
        foreach (var (key, value) in KeysAnywhere(root, CollectorTlsKeys.Contains))
            yield return Read(value, key, Severity.Error, "the Collector cannot load the TLS settings and does not start");
        if (root.Map("receivers") is not { } receivers) yield break;
        foreach (var (id, receiver) in receivers.Children.Where(c => c.Value is YamlMappingNode))
        {
            var type = ((YamlScalarNode)id).Value!.Split('/')[0];
            if (type is not ("filelog" or "otlpjsonfile")) continue;
            foreach (var include in ((YamlMappingNode)receiver).Seq("include").OfType<YamlScalarNode>())
                yield return Read(include, $"receiver '{((YamlScalarNode)id).Value}' include", Severity.Warning, "the receiver finds no file to read and sends nothing");
        }
    }

    private static IReadOnlyList<PathRead> Alloy(string path, string text)
    {
        var parsed = AlloyParser.Parse(path, text);
        if (!parsed.Succeeded) return []; // alloy-syntax reports it
        var graph = ComponentGraph.Build(parsed.Document);
        var reads = new List<PathRead>();
        foreach (var component in graph.Components.Where(c => c.Name is "discovery.docker" or "loki.source.docker"))
        {
            if (component.Argument("host") is not { } host || AlloyValues.String(host.Value) is not { } value) continue;
            if (!value.StartsWith("unix://", StringComparison.Ordinal)) continue;
            reads.Add(new PathRead(value["unix://".Length..], host.Value.Start.Line, host.Value.Start.Column, $"{component.Id} host",
                Severity.Error, "Alloy cannot reach the Docker daemon, so it discovers no container and ships no container log"));
        }
        foreach (var match in graph.OfType("local.file_match"))
        {
            if (match.Argument("path_targets")?.Value is not ArrayExpression targets) continue;
            foreach (var field in targets.Elements.SelectMany(AlloyValues.Fields).Where(f => f.Name.Name == "__path__"))
                if (AlloyValues.String(field.Value) is { } glob && glob.StartsWith('/'))
                    reads.Add(new PathRead(glob, field.Value.Start.Line, field.Value.Start.Column, $"{match.Id} __path__",
                        Severity.Warning, "Alloy tails only the container's own files there, not the host's"));
        }
        return reads;
    }

    // One `key value` line (the match starts at the line's start).
    [GeneratedRegex(@"^[ \t]*(?<key>\w+)[ \t]+(?<value>\S[^\n]*?)[ \t\r]*$", RegexOptions.Multiline)]
    private static partial Regex ConfLine();

    private static IReadOnlyList<PathRead> Mosquitto(string text) =>
        ConfLine().Matches(text)
            .Where(m => MosquittoFileKeys.Contains(m.Groups["key"].Value) && m.Groups["value"].Value.StartsWith('/'))
            .Select(m => new PathRead(m.Groups["value"].Value, text[..m.Index].Count(c => c == '\n') + 1, m.Groups["value"].Index - m.Index + 1,
                m.Groups["key"].Value, Severity.Error, "Mosquitto cannot open it and does not start"))
            .ToList();

    private static PathRead Read(YamlScalarNode node, string what, Severity severity, string consequence) =>
        new(node.Value ?? "", node.Line(), node.Column(), what, severity, consequence);

    /// <summary>Every scalar value, at any depth, under a key the predicate accepts.</summary>
    private static IEnumerable<(string Key, YamlScalarNode Value)> KeysAnywhere(YamlNode node, Func<string, bool> accept)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: { } name } && accept(name) && value is YamlScalarNode { Value.Length: > 0 } scalar)
                        yield return (name, scalar);
                    foreach (var inner in KeysAnywhere(value, accept)) yield return inner;
                }
                break;
            case YamlSequenceNode seq:
                foreach (var inner in seq.Children.SelectMany(c => KeysAnywhere(c, accept))) yield return inner;
                break;
        }
    }
}
