using StackTests.Compose;

namespace StackTests.Lint.Alloy;

/// <summary>
/// alloy-loki-endpoint: every loki.write endpoint pushes to the compose <c>loki</c> service, by its
/// service name, on a port that service listens on, at Loki's push path.
/// </summary>
internal static class LokiEndpointRule
{
    public const string LokiService = "loki";
    public const string PushPath = "/loki/api/v1/push";

    public static IEnumerable<Finding> Check(AlloyConfig config, ComposeFile compose, Func<string, IReadOnlySet<int>> listeningPorts)
    {
        var hasLoki = compose.Services.Any(s => s.Name == LokiService);
        foreach (var write in config.Graph.OfType("loki.write"))
        foreach (var endpoint in write.Block.BlocksNamed("endpoint"))
        {
            if (endpoint.Attribute("url") is not { } urlAttribute) continue; // alloy-missing-argument says so
            var position = urlAttribute.Value.Start;
            if (AlloyValues.String(urlAttribute.Value) is not { } url)
            {
                yield return config.Warning(position, AlloyRuleIds.LokiEndpoint,
                    $"the endpoint url of {write.Id} is computed, not a string literal: cannot check that it targets the {LokiService} service");
                continue;
            }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return config.Error(position, AlloyRuleIds.LokiEndpoint, $"the endpoint url \"{url}\" of {write.Id} is not an http(s) URL");
                continue;
            }
            if (!hasLoki)
            {
                yield return config.Error(position, AlloyRuleIds.LokiEndpoint,
                    $"{write.Id} pushes to {uri.Host}:{uri.Port}, but {compose.Path} has no '{LokiService}' service");
                continue;
            }
            if (uri.Host != LokiService)
                yield return config.Error(position, AlloyRuleIds.LokiEndpoint,
                    $"{write.Id} pushes to host '{uri.Host}'; inside the compose network Loki is reached by its service name '{LokiService}'");
            var ports = listeningPorts(LokiService);
            if (!ports.Contains(uri.Port))
                yield return config.Error(position, AlloyRuleIds.LokiEndpoint,
                    $"{write.Id} pushes to port {uri.Port}, but the {LokiService} service of {compose.Path} listens on {(ports.Count == 0 ? "no port" : string.Join(", ", ports.Order()))}");
            if (uri.AbsolutePath != PushPath)
                yield return config.Error(position, AlloyRuleIds.LokiEndpoint,
                    $"{write.Id} pushes to path '{uri.AbsolutePath}'; Loki's push API is {PushPath}");
        }
    }
}
