using System.Text;
using System.Text.Json;
using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// The override file the compose stack passes after compose.yaml (which is never edited): each
/// started service's ports published on ephemeral host ports of 127.0.0.1 (so the stack runs beside
/// another one holding compose's fixed ports), its image with STACKTESTS_IMAGE_REGISTRY's prefix,
/// and the run's labels on every container, network and volume (so a later run can remove what a
/// dead one left). `!override` replaces compose's port list instead of merging with it (compose 2.24+).
/// </summary>
public static class ComposeOverride
{
    public static string For(IEnumerable<ComposeService> services, IReadOnlyCollection<string> namedVolumes,
        IReadOnlyDictionary<string, string> labels, Func<string, string> image)
    {
        var yaml = new StringBuilder("services:\n");
        foreach (var service in services)
        {
            yaml.Append($"  {Quote(service.Name)}:\n");
            if (service.Image is { } reference) yaml.Append($"    image: {Quote(image(reference))}\n");
            var ports = service.TestPorts;
            if (ports.Count > 0)
            {
                yaml.Append("    ports: !override\n");
                foreach (var port in ports) yaml.Append($"      - {Quote($"127.0.0.1::{port}")}\n");
            }
            AppendLabels(yaml, "    ", labels);
        }
        yaml.Append("networks:\n  default:\n");
        AppendLabels(yaml, "    ", labels);
        if (namedVolumes.Count > 0)
        {
            yaml.Append("volumes:\n");
            foreach (var volume in namedVolumes)
            {
                yaml.Append($"  {Quote(volume)}:\n");
                AppendLabels(yaml, "    ", labels);
            }
        }
        return yaml.ToString();
    }

    private static void AppendLabels(StringBuilder yaml, string indent, IReadOnlyDictionary<string, string> labels)
    {
        yaml.Append($"{indent}labels:\n");
        foreach (var (key, value) in labels) yaml.Append($"{indent}  {Quote(key)}: {Quote(value)}\n");
    }

    // A JSON string is a YAML double-quoted scalar; '$' is doubled so compose does not interpolate it.
    private static string Quote(string text) => JsonSerializer.Serialize(text).Replace("$", "$$");
}
