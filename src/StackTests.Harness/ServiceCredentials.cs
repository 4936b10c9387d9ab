using StackTests.Compose;

namespace StackTests.Harness;

/// <summary>
/// A login for a service's API: user and password, or a bearer token. ToString never shows the
/// secret, so a credentials object can be logged or put in a failure message safely.
/// </summary>
public sealed record ServiceCredentials(string? User, string? Password, string? Token)
{
    public bool HasToken => Token is { Length: > 0 };

    /// <summary>The value of an HTTP Authorization header: Bearer for a token, else Basic.</summary>
    public string AuthorizationHeader() =>
        HasToken ? $"Bearer {Token}"
        : $"Basic {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}"))}";

    public override string ToString() =>
        HasToken ? "token ****" : $"user {User ?? "(none)"}, password {(Password is { Length: > 0 } ? "****" : "(none)")}";

    /// <summary>
    /// The login compose gives a service (x-stacktests.login: the values of its environment variables,
    /// after ${VAR:-default} interpolation), or null for services without one.
    /// </summary>
    public static ServiceCredentials? FromCompose(ComposeService service) =>
        service.Login is { } login ? new ServiceCredentials(login.User, login.Password, null) : null;
}
