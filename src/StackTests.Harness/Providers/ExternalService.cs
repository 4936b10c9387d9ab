using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// How the suite reaches one service of an external stack: a base URL for its main API, URLs for
/// other named ports (e.g. the collector's "otlp-http"), and its login. ToString hides secrets.
/// </summary>
public sealed record ExternalService(string Name, Uri? Url, IReadOnlyDictionary<string, Uri> PortUrls, ServiceCredentials? Credentials)
{
    public bool IsConfigured => Url is not null || PortUrls.Count > 0;

    /// <summary>
    /// The URL for a named port of the service (compose's x-stacktests.ports): the URL given for
    /// that name; the service URL for its main port; else the service URL's host with that port.
    /// </summary>
    public Uri? UrlFor(ComposeService definition, string port)
    {
        if (PortUrls.TryGetValue(port, out var named)) return named;
        if (Url is null) return null;
        if (definition.MainPortName == port) return Url;
        return new UriBuilder(Url) { Port = definition.Port(port), Path = "/" }.Uri;
    }

    public override string ToString() =>
        $"{Name}: {(Url is null ? "(no url)" : Redact(Url))}" +
        string.Concat(PortUrls.Select(p => $", {p.Key} {Redact(p.Value)}")) +
        (Credentials is null ? "" : $", {Credentials}");

    /// <summary>A URL fit for messages: any user:password in it replaced by ****.</summary>
    public static string Redact(Uri url) =>
        url.UserInfo.Length == 0 ? url.ToString() : url.ToString().Replace(url.UserInfo + "@", "****@", StringComparison.Ordinal);
}
