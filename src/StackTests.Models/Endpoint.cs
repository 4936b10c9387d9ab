namespace StackTests.Models;

/// <summary>A host and port read from a URL (<c>http://loki:3100/x</c>) or an address (<c>tempo:4317</c>).</summary>
public sealed record Endpoint(string Host, int Port)
{
    public static Endpoint? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return null;
            return new Endpoint(uri.Host, uri.Port);
        }
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text[(colon + 1)..].Split('/')[0], out var port)) return null;
        return new Endpoint(text[..colon].Trim('[', ']'), port);
    }

    /// <summary>Addresses a server binds to that mean "every interface" or "this host".</summary>
    public bool IsWildcardOrLocal => Host is "" or "0.0.0.0" or "::" or "localhost" or "127.0.0.1";

    public override string ToString() => $"{Host}:{Port}";
}
