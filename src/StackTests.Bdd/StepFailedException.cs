namespace StackTests.Bdd;

/// <summary>A step that failed, was undefined or ambiguous; the message names the step and file:line.</summary>
public sealed class StepFailedException(string message, Exception? inner = null) : Exception(message, inner);
