namespace StackTests.Lint.Queries;

public enum QueryLanguage { PromQL, LogQL, TraceQL }
