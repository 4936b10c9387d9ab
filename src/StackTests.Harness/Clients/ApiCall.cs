using Flurl.Http;

namespace StackTests.Harness.Clients;

/// <summary>
/// Sends one request of a client and turns every failure into an ApiException that names the
/// component, the endpoint and the status. The only place that talks to Flurl's error types.
/// </summary>
internal static class ApiCall
{
    private const int BodyExcerptLength = 500;

    /// <summary>A client for one component's base URL; every request it makes is bounded by the timeout.</summary>
    /// <param name="tenant">Sent as X-Scope-OrgID (Loki, Tempo multi-tenancy); null for none.</param>
    public static FlurlClient Client(Uri baseUrl, TimeSpan timeout, string? tenant = null)
    {
        var client = new FlurlClient(baseUrl.ToString()).WithTimeout(timeout);
        if (tenant is not null) client.WithHeader("X-Scope-OrgID", tenant);
        return client;
    }

    /// <summary>The answer to a request: status and body text.</summary>
    public readonly record struct Answer(int Status, string Body);

    /// <summary>
    /// Sends the request; a status outside 2xx and outside <paramref name="alsoAccepted"/> throws.
    /// </summary>
    public static async Task<Answer> SendAsync(
        string component, IFlurlRequest request, HttpMethod method, HttpContent? content,
        CancellationToken cancellationToken, params int[] alsoAccepted)
    {
        var endpoint = $"{method.Method} {request.Url.Path}";
        IFlurlResponse response;
        try
        {
            response = await request.AllowAnyHttpStatus()
                .SendAsync(method, content, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (FlurlHttpTimeoutException e)
        {
            throw new ApiException(component, endpoint, null,
                $"{component} {endpoint} did not answer within {request.Settings.Timeout?.TotalSeconds:0.#}s ({request.Url.Root})", e);
        }
        catch (FlurlHttpException e)
        {
            throw new ApiException(component, endpoint, null,
                $"{component} {endpoint} could not be reached at {request.Url.Root}: {e.InnerException?.Message ?? e.Message}", e);
        }
        ServiceCalls.Answered(component, new Uri(request.Url.Root));
        using (response)
        {
            var body = await response.ResponseMessage.Content.ReadAsStringAsync(cancellationToken);
            var status = response.StatusCode;
            if (status is >= 200 and < 300 || alsoAccepted.Contains(status)) return new Answer(status, body);
            throw new ApiException(component, endpoint, status,
                $"{component} {endpoint} answered {status} {response.ResponseMessage.ReasonPhrase}: {Excerpt(body)}");
        }
    }

    /// <summary>A readiness probe (/ready, /-/ready): true on 200, false on 503 ("not ready yet").</summary>
    public static async Task<bool> IsReadyAsync(string component, IFlurlRequest request, CancellationToken cancellationToken) =>
        (await SendAsync(component, request, HttpMethod.Get, null, cancellationToken, 503)).Status == 200;

    public static async Task<string> GetStringAsync(string component, IFlurlRequest request, CancellationToken cancellationToken) =>
        (await SendAsync(component, request, HttpMethod.Get, null, cancellationToken)).Body;

    private static string Excerpt(string body)
    {
        var text = body.Trim();
        return text.Length == 0 ? "(empty body)" : text.Length <= BodyExcerptLength ? text : text[..BodyExcerptLength] + "…";
    }
}
