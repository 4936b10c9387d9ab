namespace StackTests.Harness;

/// <summary>The stack could not be started; the message names each service that failed and why.</summary>
public sealed class StackStartException(string message) : Exception(message);
