namespace StackTests.Config.Queries;

/// <summary>The syntax check of one query. Offsets are 0-based character positions in the query text.</summary>
public sealed record QueryParseResult(
    bool Ok,
    int ErrorOffset,
    string? Message,
    IReadOnlyList<RangeSelector> Ranges,
    IReadOnlyList<CounterSelector> Counters);

/// <summary>A PromQL range selector <c>x[range]</c> and the function it is the argument of (null when none).</summary>
public sealed record RangeSelector(int Offset, string Range, string? Function);

/// <summary>A PromQL selector of a counter-like metric and whether rate, irate or increase wraps it.</summary>
public sealed record CounterSelector(int Offset, string Metric, bool Aggregated);
