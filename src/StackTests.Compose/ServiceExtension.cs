namespace StackTests.Compose;

/// <summary>
/// What a service's `x-stacktests:` field says and compose has no field for: the names of the
/// container ports the suite reaches (the first is the service's main API, the one a single
/// external base URL stands for), its readiness probe, and its login.
/// </summary>
public sealed record ServiceExtension(
    IReadOnlyDictionary<string, int> Ports,
    ReadinessProbe? Readiness,
    ServiceLogin? Login)
{
    public static readonly ServiceExtension None = new(new Dictionary<string, int>(), null, null);
}

/// <summary>
/// Ready once a GET of Path on the named port answers 2xx; a null Path means once the port accepts
/// a TCP connection. Timeout bounds the wait from the service's start.
/// </summary>
public sealed record ReadinessProbe(string PortName, int Port, string? Path, TimeSpan Timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public override string ToString() => Path is null ? $"TCP :{Port}" : $"GET :{Port}{Path}";
}

/// <summary>
/// A service's login as compose gives it: the values of the environment variables that hold it
/// (after interpolation), and a path that answers 401 to a wrong login (checked before any test uses it).
/// </summary>
public sealed record ServiceLogin(string User, string Password, string CheckPath)
{
    /// <summary>The password stays out of logs and messages.</summary>
    public override string ToString() => $"user {User}, password ****, checked at {CheckPath}";
}
