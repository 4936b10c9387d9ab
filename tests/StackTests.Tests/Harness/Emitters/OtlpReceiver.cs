using System.Collections.Concurrent;
using System.Net;
using StackTests.Tests.Harness.Clients;

namespace StackTests.Tests.Harness.Emitters;

/// <summary>
/// A stand-in for the Collector's OTLP/HTTP receiver on 127.0.0.1: records each request and answers
/// with the given status (200 with an empty protobuf body is a full success in OTLP/HTTP).
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public sealed record Request(string Path, string ContentType, byte[] Body);

    public ConcurrentQueue<Request> Requests { get; } = new();
    public Uri Endpoint { get; }
    public int Status { get; set; } = 200;

    public OtlpReceiver()
    {
        var port = LocalComponent.FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Requests.Enqueue(new Request(context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
            context.Response.StatusCode = Status;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}

internal static class ByteSearch
{
    public static bool Contains(this byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
