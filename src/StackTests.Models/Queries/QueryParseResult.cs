namespace StackTests.Models.Queries;

/// <summary>The syntax check of one query. Offsets are 0-based character positions in the query text.</summary>
public sealed record QueryParseResult(
    bool Ok,
    int ErrorOffset,
    string? Message,
    IReadOnlyList<RangeSelector> Ranges,
    IReadOnlyList<CounterSelector> Counters)
{
    /// <summary>PromQL: the metric names the query's selectors read (<c>x{...}</c>, <c>{__name__="x"}</c>, <c>{"x"}</c>), each once, in order.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];
}

/// <summary>A PromQL range selector <c>x[range]</c> and the function it is the argument of (null when none).</summary>
public sealed record RangeSelector(int Offset, string Range, string? Function);

/// <summary>
/// A PromQL selector of a counter-like metric (<c>_total</c>, <c>_count</c>, <c>_sum</c>, <c>_bucket</c>),
/// the function or aggregation that directly takes it (or its range), and whether it has a range.
/// </summary>
public sealed record CounterSelector(int Offset, string Metric, string? Function, bool Ranged)
{
    /// <summary>Functions that turn a counter's range into a per-second or per-range value.</summary>
    private static readonly HashSet<string> RateFunctions = ["rate", "irate", "increase"];

    /// <summary>Functions that look at which series exist or when they change, not at the value.</summary>
    private static readonly HashSet<string> InstantPresence = ["count", "group", "absent", "timestamp"];
    private static readonly HashSet<string> RangePresence = ["resets", "changes", "absent_over_time", "present_over_time", "count_over_time"];

    /// <summary>Whether the counter is read in a way that makes sense for a counter.</summary>
    public bool ReadAsCounter => Function is { } f && (Ranged ? RateFunctions.Contains(f) || RangePresence.Contains(f) : InstantPresence.Contains(f));
}
