using System.Net.Http.Headers;
using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// A stack that already runs elsewhere (the pre-release gate), reached through the URLs of
/// ExternalSettings. The suite neither starts nor stops it: StartAsync only checks, within a
/// bound, that every configured service answers and that its login is accepted.
/// </summary>
public sealed class ExternalStack : IStack
{
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(5);
    private readonly IReadOnlyDictionary<string, ExternalService> _services;
    private readonly IReadOnlyDictionary<string, ComposeService> _definitions;
    private readonly HttpClient _http;
    private bool _checked;

    /// <param name="services">the compose services the stack should supply (their port names, probes and logins)</param>
    public ExternalStack(IEnumerable<ComposeService> services, Func<string, string?> environment, HttpMessageHandler? handler = null)
    {
        _definitions = services.ToDictionary(s => s.Name);
        _services = ExternalSettings.Load(_definitions.Values, environment);
        _http = handler is null ? new HttpClient { Timeout = RequestBound } : new HttpClient(handler) { Timeout = RequestBound };
    }

    public string Provider => "external";

    /// <summary>What was configured, secrets masked: fit for a log line.</summary>
    public override string ToString() =>
        "external stack: " + string.Join("; ", _services.Values.Where(s => s.IsConfigured).Select(s => s.ToString()));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = _services.Values.Where(s => s.IsConfigured).ToList();
        if (configured.Count == 0)
            throw new StackStartException(
                $"The external stack has no services: set {ExternalSettings.UrlVariable("prometheus")} (and the like for each service) " +
                $"or {ExternalSettings.SettingsVariable} to a settings file");
        var problems = (await Task.WhenAll(configured.Select(s => CheckAsync(s, cancellationToken)))).OfType<string>().ToList();
        if (problems.Count > 0)
            throw new StackStartException("Cannot use the external stack:\n" + string.Join("\n", problems.Select(p => "  " + p)));
        _checked = true;
    }

    private static async Task<string?> ConnectAsync(string service, Uri address, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(RequestBound);
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(address.Host, address.Port, bound.Token);
            return null;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"{service}: TCP connect to {address.Host}:{address.Port} failed within {RequestBound.TotalSeconds:0}s: {e.Message} " +
                   $"(URL from {ExternalSettings.UrlVariable(service)} or the settings file)";
        }
    }

    /// <summary>
    /// Null when the service answers (any HTTP status; a TCP connection for a service compose
    /// probes over TCP, such as an MQTT broker) and accepts its login; else the problem.
    /// </summary>
    private async Task<string?> CheckAsync(ExternalService service, CancellationToken cancellationToken)
    {
        var definition = _definitions[service.Name];
        if (definition.Readiness is { Path: null } && (service.Url ?? service.PortUrls.Values.First()) is { } address)
            return await ConnectAsync(service.Name, address, cancellationToken);
        var probe = definition.Readiness is { Path: not null } p && service.UrlFor(definition, p.PortName) is { } baseUrl
            ? new Uri(baseUrl, p.Path)
            : service.Url ?? service.PortUrls.Values.First();
        try
        {
            using (await _http.GetAsync(probe, cancellationToken)) { }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"{service.Name}: GET {ExternalService.Redact(probe)} got no answer within {RequestBound.TotalSeconds:0}s: " +
                   $"{e.Message} (URL from {ExternalSettings.UrlVariable(service.Name)} or the settings file)";
        }
        if (definition.Login is not { } login || service.Url is null) return null;
        if (service.Credentials is null)
            return $"{service.Name}: no login given: set {ExternalSettings.LoginVariable(service.Name, "USER")} and " +
                   $"{ExternalSettings.LoginVariable(service.Name, "PASSWORD")}, or {ExternalSettings.LoginVariable(service.Name, "TOKEN")}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(service.Url, login.CheckPath));
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(service.Credentials.AuthorizationHeader());
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return (int)response.StatusCode is 401 or 403
                ? $"{service.Name}: the login ({service.Credentials}) was rejected with {(int)response.StatusCode} at {login.CheckPath}"
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"{service.Name}: checking the login at {login.CheckPath} failed: {e.Message}";
        }
    }

    public bool IsAvailable(string service) => _checked && _services.TryGetValue(service, out var s) && s.IsConfigured;

    public string? Unavailable(string service) =>
        !_services.TryGetValue(service, out var s) ? "not in the chosen profiles of compose.yaml"
        : !s.IsConfigured ? $"no URL given for it: set {ExternalSettings.UrlVariable(service)} or services.{service}.url in {ExternalSettings.SettingsVariable}"
        : _checked ? null
        : "the external stack was not checked yet";

    public Uri Endpoint(string service, string port) =>
        IsAvailable(service) && _services[service].UrlFor(_definitions[service], port) is { } url
            ? url
            : throw new InvalidOperationException($"{service} port {port} is not available from the external stack: " +
                                                  (Unavailable(service) ?? $"set {ExternalSettings.UrlVariable(service, port)}"));

    public IReadOnlyList<string> RunningServices => _services.Keys.Where(IsAvailable).Order().ToList();

    // Its URL may carry a login: the evidence names the stack, never the URL.
    public string? Origin(string service) => IsAvailable(service) ? "the external stack's own deployment" : null;

    public ServiceCredentials? Credentials(string service) => _services.GetValueOrDefault(service)?.Credentials;

    public Task<IReadOnlyList<string>> LogsAsync(string service, int lines, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([$"{service}: (the external stack's logs are not reachable from the suite; look in its own log store)"]);

    public string? LogFile(string service) => null;

    public bool CanControlServices => false;

    public Task StopServiceAsync(string service, CancellationToken cancellationToken) => throw CannotControl("stop", service);
    public Task StartServiceAsync(string service, CancellationToken cancellationToken) => throw CannotControl("start", service);
    public Task RestartServiceAsync(string service, CancellationToken cancellationToken) => throw CannotControl("restart", service);

    private static NotSupportedException CannotControl(string verb, string service) =>
        new($"the external stack cannot {verb} {service}: it runs outside the suite's control; " +
            "run fault scenarios with --stack local, testcontainers or compose");

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
