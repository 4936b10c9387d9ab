using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackTests.Harness.Clients;

namespace StackTests.Harness.Emitters;

public enum OtlpTransport
{
    /// <summary>OTLP/HTTP with protobuf bodies, the Collector's otlp-http port (POST /v1/traces, /v1/logs, /v1/metrics).</summary>
    HttpProtobuf,

    /// <summary>OTLP/gRPC, the Collector's otlp-grpc port.</summary>
    Grpc,
}

/// <summary>What a trace emission sent: the ids to look the trace up by.</summary>
public sealed record EmittedTrace(TraceId TraceId, string RootSpanId, string ChildSpanId, string ServiceName, string RootSpanName)
{
    /// <summary>Every span sent (root, client child, and the backend's server span), so a lookup can tell a whole trace from a partial one.</summary>
    public IReadOnlyList<string> SpanIds { get; init; } = [RootSpanId, ChildSpanId];

    /// <summary>The service of the server span under the client span: the other end of the service-graph edge.</summary>
    public string BackendServiceName { get; init; } = "";

    public override string ToString() => $"trace {TraceId} ({ServiceName}: {RootSpanName})";
}

/// <summary>
/// Sends traces, logs and metrics with the OpenTelemetry .NET SDK and its OTLP exporter, as an
/// instrumented application would. Everything sent carries the run id: as the resource attribute
/// stacktests.run_id and as an attribute of each span, log record and data point (run_id on metrics,
/// so Prometheus shows it as a label). Each call builds its own SDK pipeline, exports at once and
/// verifies delivery within the timeout; a failed export throws EmitterException.
/// </summary>
public sealed class OtlpEmitter(
    Uri collectorEndpoint, OtlpTransport transport = OtlpTransport.HttpProtobuf, string serviceName = "stacktests-emitter",
    TimeSpan? timeout = null, string? runId = null)
{
    public const string RunIdAttribute = "stacktests.run_id";

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    public string RunId { get; } = runId ?? TestRun.Id;
    public string ServiceName { get; } = serviceName;

    /// <summary>The service of the server span a trace's client span calls (Tempo's service graph sees the edge).</summary>
    public string BackendServiceName => $"{ServiceName}-backend";

    /// <summary>
    /// Sends one trace across two services, as a request that calls a backend: a server root span
    /// with a client child span in this service, and under that client span a server span of
    /// "&lt;service&gt;-backend" (so Tempo's service graph sees an edge). Returns the ids. A failed
    /// trace has its root span's status set to error, as an instrumented request that failed.
    /// </summary>
    public Task<EmittedTrace> SendTraceAsync(
        string rootSpanName, IReadOnlyDictionary<string, object>? attributes = null, CancellationToken cancellationToken = default,
        bool failed = false) =>
        RunBoundedAsync("a trace", cancellationToken, recorder =>
        {
            var sourceName = $"StackTests.Emitter.{Guid.NewGuid():N}";
            using var provider = Sdk.CreateTracerProviderBuilder()
                .AddSource(sourceName)
                .SetSampler(new AlwaysOnSampler())
                .SetResourceBuilder(Resource())
                .AddOtlpExporter(options => Configure(options, "v1/traces", recorder))
                .Build();
            using var source = new ActivitySource(sourceName);
            var backendSourceName = $"StackTests.Emitter.{Guid.NewGuid():N}";
            using var backendProvider = Sdk.CreateTracerProviderBuilder()
                .AddSource(backendSourceName)
                .SetSampler(new AlwaysOnSampler())
                .SetResourceBuilder(Resource(BackendServiceName))
                .AddOtlpExporter(options => Configure(options, "v1/traces", recorder))
                .Build();
            using var backendSource = new ActivitySource(backendSourceName);
            string rootSpanId, childSpanId, backendSpanId = "";
            TraceId traceId;
            using (var root = source.StartActivity(rootSpanName, ActivityKind.Server, parentContext: default)
                ?? throw new EmitterException("the OpenTelemetry SDK did not record the span (no listener)"))
            {
                Tag(root, attributes);
                using (var child = source.StartActivity($"{rootSpanName} child", ActivityKind.Client)!)
                {
                    Tag(child, attributes);
                    childSpanId = child.SpanId.ToHexString();
                    using (var backend = backendSource.StartActivity($"{rootSpanName} backend", ActivityKind.Server, child.Context))
                        if (backend is not null)
                        {
                            Tag(backend, attributes);
                            backendSpanId = backend.SpanId.ToHexString();
                        }
                }
                if (failed) root.SetStatus(ActivityStatusCode.Error, "failed on purpose by the acceptance suite");
                traceId = TraceId.Parse(root.TraceId.ToHexString());
                rootSpanId = root.SpanId.ToHexString();
            }
            backendProvider.ForceFlush((int)_timeout.TotalMilliseconds);
            provider.ForceFlush((int)_timeout.TotalMilliseconds);
            return new EmittedTrace(traceId, rootSpanId, childSpanId, ServiceName, rootSpanName)
            {
                BackendServiceName = BackendServiceName,
                SpanIds = backendSpanId.Length > 0 ? [rootSpanId, childSpanId, backendSpanId] : [rootSpanId, childSpanId],
            };
        });

    /// <summary>Sends one log record; with a trace it carries that trace's ids (logs-to-traces correlation).</summary>
    public Task SendLogAsync(
        string message, LogLevel level = LogLevel.Information, EmittedTrace? withinTrace = null,
        IReadOnlyDictionary<string, object>? attributes = null, CancellationToken cancellationToken = default) =>
        RunBoundedAsync("a log record", cancellationToken, recorder =>
        {
            using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
                   {
                       otel.SetResourceBuilder(Resource());
                       otel.AddOtlpExporter((options, processor) =>
                       {
                           Configure(options, "v1/logs", recorder);
                           processor.ExportProcessorType = ExportProcessorType.Simple;
                       });
                   })))
            {
                var logger = factory.CreateLogger("StackTests.Emitter");
                using var activity = withinTrace is null ? null : new Activity("log-context")
                    .SetParentId(ActivityTraceId.CreateFromString(withinTrace.TraceId.Hex), ActivitySpanId.CreateFromString(withinTrace.RootSpanId), ActivityTraceFlags.Recorded)
                    .Start();
                var state = new Dictionary<string, object?> { [RunIdAttribute] = RunId };
                foreach (var (key, value) in attributes ?? new Dictionary<string, object>()) state[key] = value;
                using (logger.BeginScope(state))
                    logger.Log(level, "{Message}", message);
            }
            return true;
        });

    /// <summary>Adds a value to a counter (Prometheus shows it as name_total, with a run_id label).</summary>
    public Task SendCounterAsync(
        string name, double value, IReadOnlyDictionary<string, object>? attributes = null, CancellationToken cancellationToken = default) =>
        RunBoundedAsync($"the metric {name}", cancellationToken, recorder =>
        {
            var meterName = $"StackTests.Emitter.{Guid.NewGuid():N}";
            using var provider = Sdk.CreateMeterProviderBuilder()
                .AddMeter(meterName)
                .SetResourceBuilder(Resource())
                .AddOtlpExporter((options, reader) =>
                {
                    Configure(options, "v1/metrics", recorder);
                    reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                })
                .Build();
            using var meter = new Meter(meterName);
            var counter = meter.CreateCounter<double>(name);
            var tags = new TagList { { TestRun.IdLabel, RunId } };
            foreach (var (key, tagValue) in attributes ?? new Dictionary<string, object>()) tags.Add(key, tagValue);
            counter.Add(value, tags);
            provider.ForceFlush((int)_timeout.TotalMilliseconds);
            return true;
        });

    private ResourceBuilder Resource(string? serviceName = null) => ResourceBuilder.CreateEmpty()
        .AddService(serviceName ?? ServiceName, serviceInstanceId: RunId)
        .AddAttributes([new KeyValuePair<string, object>(RunIdAttribute, RunId)]);

    private void Tag(Activity activity, IReadOnlyDictionary<string, object>? attributes)
    {
        activity.SetTag(RunIdAttribute, RunId);
        foreach (var (key, value) in attributes ?? new Dictionary<string, object>()) activity.SetTag(key, value);
    }

    // With OTLP/HTTP a programmatic endpoint is used as is, so the signal path is added here.
    private void Configure(OtlpExporterOptions options, string signalPath, OtlpDeliveryRecorder recorder)
    {
        options.Protocol = transport == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = transport == OtlpTransport.Grpc ? collectorEndpoint : new Uri(collectorEndpoint, signalPath);
        options.TimeoutMilliseconds = (int)_timeout.TotalMilliseconds;
        options.ExportProcessorType = ExportProcessorType.Simple;
        options.HttpClientFactory = () => recorder.CreateClient(_timeout);
    }

    // The SDK's flush and export calls block; they run off the caller's thread with a hard bound.
    private async Task<T> RunBoundedAsync<T>(string what, CancellationToken cancellationToken, Func<OtlpDeliveryRecorder, T> send)
    {
        using var recorder = new OtlpDeliveryRecorder();
        T result;
        try
        {
            result = await Task.Run(() => send(recorder), cancellationToken).WaitAsync(_timeout + TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new EmitterException($"OTLP export of {what} to {collectorEndpoint} did not finish within {_timeout.TotalSeconds:0}s", e);
        }
        recorder.EnsureDelivered(what, collectorEndpoint);
        ServiceCalls.Answered("OpenTelemetry Collector", collectorEndpoint);
        return result;
    }
}
