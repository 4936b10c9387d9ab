namespace StackTests.Models.Queries;

public enum QueryLanguage { PromQL, LogQL, TraceQL }
