namespace StackTests.Harness.Clients;

/// <summary>
/// How to sign in to Grafana: basic auth (user + password) or a service account token. The secret
/// is only ever put into the Authorization header; ToString never shows it.
/// </summary>
public abstract record GrafanaCredentials
{
    private GrafanaCredentials() { }

    public static GrafanaCredentials Basic(string user, string password) => new BasicAuth(user, password);
    public static GrafanaCredentials Token(string token) => new BearerToken(token);

    public sealed record BasicAuth(string User, string Password) : GrafanaCredentials
    {
        public override string ToString() => $"basic auth as '{User}' (password hidden)";
    }

    public sealed record BearerToken(string Value) : GrafanaCredentials
    {
        public override string ToString() => "bearer token (hidden)";
    }
}
