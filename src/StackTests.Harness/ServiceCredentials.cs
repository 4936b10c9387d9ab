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
    /// The login compose gives a service (its environment, after ${VAR:-default} interpolation),
    /// else the image's defaults from the catalog; null for services without a login.
    /// </summary>
    public static ServiceCredentials? FromCompose(ComposeService service)
    {
        if (ServiceCatalog.Get(service.Name).Login is not { } login) return null;
        return new ServiceCredentials(
            service.Environment.GetValueOrDefault(login.UserVariable) is { Length: > 0 } user ? user : login.DefaultUser,
            service.Environment.GetValueOrDefault(login.PasswordVariable) is { Length: > 0 } password ? password : login.DefaultPassword,
            null);
    }
}
