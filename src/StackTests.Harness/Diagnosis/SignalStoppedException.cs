namespace StackTests.Harness.Diagnosis;

/// <summary>A check of a signal failed, and the message says where the signal stopped (PipelineVerdict).</summary>
public sealed class SignalStoppedException(string message, Exception inner) : Exception(message, inner);
