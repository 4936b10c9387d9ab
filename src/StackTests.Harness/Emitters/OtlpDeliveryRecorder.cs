namespace StackTests.Harness.Emitters;

/// <summary>
/// Sits in the OTLP exporter's HttpClient and records every export request's outcome. The SDK
/// swallows export failures (it only logs them to an EventSource); this makes them visible, so an
/// unreachable or rejecting collector fails the step that sent the signal.
/// </summary>
internal sealed class OtlpDeliveryRecorder : DelegatingHandler
{
    private readonly List<string> _failures = [];
    private int _successes;

    public OtlpDeliveryRecorder() : base(new SocketsHttpHandler()) { }

    // The recorder outlives each client; the emitter call that created it disposes it.
    public HttpClient CreateClient(TimeSpan timeout) => new(this, disposeHandler: false) { Timeout = timeout };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await RecordAsync(request, response, cancellationToken);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Record($"POST {request.RequestUri} failed: {e.Message}");
            throw;
        }
    }

    // The exporter sends synchronously on .NET 5+ (HttpClient.Send), which bypasses SendAsync.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = base.Send(request, cancellationToken);
            RecordAsync(request, response, cancellationToken).GetAwaiter().GetResult();
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Record($"POST {request.RequestUri} failed: {e.Message}");
            throw;
        }
    }

    private async Task RecordAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Buffering reads the whole answer, so a gRPC answer's trailers (grpc-status) are there to check.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Record($"POST {request.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(body)}");
        }
        else if (GrpcStatus(response) is { } status && status != "0")
        {
            Record($"POST {request.RequestUri} answered grpc-status {status}: {GrpcMessage(response)}");
        }
        else Interlocked.Increment(ref _successes);
    }

    // gRPC puts its status in the trailers, or in the headers of a trailers-only answer.
    private static string? GrpcStatus(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.FirstOrDefault()
        : response.Headers.TryGetValues("grpc-status", out var header) ? header.FirstOrDefault() : null;

    private static string GrpcMessage(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-message", out var trailer) ? Uri.UnescapeDataString(trailer.First())
        : response.Headers.TryGetValues("grpc-message", out var header) ? Uri.UnescapeDataString(header.First()) : "";

    /// <summary>Throws unless at least one export succeeded and none failed.</summary>
    public void EnsureDelivered(string what, Uri endpoint)
    {
        lock (_failures)
        {
            if (_failures.Count > 0) throw new EmitterException($"OTLP export of {what} to {endpoint} failed: {_failures[0]}");
        }
        if (Volatile.Read(ref _successes) == 0)
            throw new EmitterException($"OTLP export of {what} to {endpoint} did not happen: no request reached the endpoint in time");
    }

    private void Record(string failure)
    {
        lock (_failures) _failures.Add(failure);
    }

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
