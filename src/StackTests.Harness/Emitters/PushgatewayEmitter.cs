using System.Globalization;
using System.Text;
using Flurl.Http;
using Flurl.Http.Content;
using StackTests.Harness.Clients;

namespace StackTests.Harness.Emitters;

/// <summary>A metric to push: a gauge or counter sample with its labels.</summary>
public sealed record PushedMetric(string Name, double Value, string Type = "gauge", IReadOnlyDictionary<string, string>? Labels = null, string Help = "");

/// <summary>
/// Pushes metrics to a Prometheus Pushgateway (https://github.com/prometheus/pushgateway#api) in the
/// text format under the grouping key job/&lt;job&gt;/run_id/&lt;run id&gt;, so every run has its own
/// group, and deletes that group afterwards.
/// </summary>
public sealed class PushgatewayEmitter(Uri baseUrl, string? runId = null, TimeSpan? timeout = null)
{
    private const string Component = "Pushgateway";

    private readonly FlurlClient _http = ApiCall.Client(baseUrl, timeout ?? TimeSpan.FromSeconds(10));

    public string RunId { get; } = runId ?? TestRun.Id;

    /// <summary>PUT /metrics/job/{job}/run_id/{id}: replaces the group's metrics with these.</summary>
    public async Task PushAsync(string job, IReadOnlyList<PushedMetric> metrics, CancellationToken cancellationToken = default)
    {
        using var content = new CapturedStringContent(BuildBody(metrics), "text/plain; version=0.0.4");
        await SendAsync(HttpMethod.Put, job, content, cancellationToken);
    }

    /// <summary>PUT /metrics/job/{job}/run_id/{id}/{label}/{value}...: a group of this run narrowed by more grouping labels.</summary>
    public async Task PushAsync(string job, IReadOnlyDictionary<string, string> grouping, IReadOnlyList<PushedMetric> metrics, CancellationToken cancellationToken = default)
    {
        using var content = new CapturedStringContent(BuildBody(metrics), "text/plain; version=0.0.4");
        await SendAsync(HttpMethod.Put, job, content, cancellationToken, grouping);
    }

    /// <summary>DELETE /metrics/job/{job}/run_id/{id}: removes the group.</summary>
    public Task DeleteAsync(string job, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, job, null, cancellationToken);

    /// <summary>DELETE of a group narrowed by more grouping labels.</summary>
    public Task DeleteAsync(string job, IReadOnlyDictionary<string, string> grouping, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, job, null, cancellationToken, grouping);

    private async Task SendAsync(HttpMethod method, string job, HttpContent? content, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? grouping = null)
    {
        var request = _http.Request(GroupPath(job, RunId) + string.Concat((grouping ?? new Dictionary<string, string>()).Select(g => "/" + Segment(g.Key, g.Value))));
        try
        {
            await ApiCall.SendAsync(Component, request, method, content, cancellationToken);
        }
        catch (ApiException e)
        {
            throw new EmitterException($"Pushgateway at {baseUrl}: {e.Message}", e);
        }
    }

    /// <summary>The grouping key path; a value with "/" (or empty) uses the label@base64 form of the API.</summary>
    public static string GroupPath(string job, string runId) => $"metrics/{Segment("job", job)}/{Segment(TestRun.IdLabel, runId)}";

    private static string Segment(string label, string value) =>
        value.Length == 0 || value.Contains('/')
            ? $"{label}@base64/{(value.Length == 0 ? "=" : Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).Replace('+', '-').Replace('/', '_'))}"
            : $"{label}/{Uri.EscapeDataString(value)}";

    /// <summary>The text exposition body: # HELP / # TYPE once per metric name, then the samples.</summary>
    public static string BuildBody(IReadOnlyList<PushedMetric> metrics)
    {
        var text = new StringBuilder();
        foreach (var family in metrics.GroupBy(m => m.Name))
        {
            var first = family.First();
            if (first.Help.Length > 0) text.Append($"# HELP {first.Name} {first.Help.Replace("\\", @"\\").Replace("\n", @"\n")}\n");
            text.Append($"# TYPE {first.Name} {first.Type}\n");
            foreach (var metric in family)
            {
                text.Append(metric.Name);
                if (metric.Labels is { Count: > 0 } labels)
                    text.Append('{').Append(string.Join(",", labels.Select(l => $"{l.Key}=\"{Escape(l.Value)}\""))).Append('}');
                text.Append(' ').Append(metric.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n");
}
