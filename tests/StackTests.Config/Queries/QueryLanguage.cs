namespace StackTests.Config.Queries;

public enum QueryLanguage { PromQL, LogQL, TraceQL }
