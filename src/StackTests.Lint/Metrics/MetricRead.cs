namespace StackTests.Lint.Metrics;

/// <summary>The metric names one PromQL query reads (a dashboard target or a rule), and where the query is.</summary>
public sealed record MetricRead(string Path, int Line, int Column, string Where, IReadOnlyList<string> Metrics);
