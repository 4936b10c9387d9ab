using System.Globalization;
using System.Text;

namespace StackTests.Harness.Diagnosis;

/// <summary>One hop's count between two readings: what a component counted, and from which metric.</summary>
public sealed record HopCount(string Service, string What, double? Count, string Metric, string? Unreadable = null)
{
    public override string ToString() =>
        Count is { } n ? $"{Service}: {What} {Format(n)} ({Metric})" : $"{Service}: {What} unknown ({Unreadable})";

    internal static string Format(double n) => n.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Where a signal stopped: every hop's count, and the verdict drawn from them.</summary>
public sealed record PipelineVerdict(string Pipeline, IReadOnlyList<HopCount> Hops, string Verdict)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"where the {Pipeline} stopped, from each component's own counters read before and after " +
                        "(they count every signal that went through, this scenario's and any other's beside it):");
        foreach (var hop in Hops) text.AppendLine($"  {hop}");
        text.Append($"  => {Verdict}");
        return text.ToString();
    }
}

/// <summary>
/// Names the hop of a pipeline where a signal stopped: each component's counters are read when the
/// signal is sent (NoteAsync of each pipeline) and again when a scenario fails (ExplainAsync), and
/// the differences say which component received it, which passed it on, and which refused or
/// failed to send it. Explain is a pure function of two snapshots, so it is tested on recorded
/// metric text.
/// </summary>
public abstract class PipelineDiagnosis(IStackAccess? stack, CounterSnapshot before)
{
    public CounterSnapshot Before { get; } = before;

    /// <summary>The pages this pipeline's diagnosis reads.</summary>
    protected abstract IReadOnlyList<CounterSource> Sources { get; }

    /// <summary>Reads the counters again and says where the signal stopped.</summary>
    public async Task<PipelineVerdict> ExplainAsync(CancellationToken cancellationToken = default)
    {
        var after = await CounterSnapshot.ReadAsync(stack ?? throw new InvalidOperationException("no stack to read the counters of"), Sources, cancellationToken);
        return Explain(Before, after);
    }

    public abstract PipelineVerdict Explain(CounterSnapshot before, CounterSnapshot after);

    protected static double? Delta(CounterSnapshot before, CounterSnapshot after, string service, string metric,
        Func<IReadOnlyDictionary<string, string>, bool>? where = null) => ComponentHops.DeltaOf(before, after, service, metric, where);

    protected static HopCount Hop(CounterSnapshot before, CounterSnapshot after, string service, string what, string metric,
        Func<IReadOnlyDictionary<string, string>, bool>? where = null) =>
        new(service, what, Delta(before, after, service, metric, where), metric, ComponentHops.Unreadable(before, after, service));

    protected static string N(double? n) => ComponentHops.N(n);
}
