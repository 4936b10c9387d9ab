namespace StackTests.Harness.Emitters;

/// <summary>A signal could not be delivered; the message names the target and what went wrong.</summary>
public sealed class EmitterException(string message, Exception? inner = null) : Exception(message, inner);
