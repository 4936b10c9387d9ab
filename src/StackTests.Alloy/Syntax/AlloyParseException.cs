namespace StackTests.Alloy.Syntax;

/// <summary>Thrown by <see cref="AlloyParser.ParseOrThrow"/>: carries every error, the message names the first.</summary>
public sealed class AlloyParseException(IReadOnlyList<Diagnostic> errors)
    : Exception(errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more errors)")
{
    public IReadOnlyList<Diagnostic> Errors { get; } = errors;
    public Diagnostic First => Errors[0];
}
