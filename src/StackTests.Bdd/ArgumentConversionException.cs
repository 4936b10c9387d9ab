namespace StackTests.Bdd;

/// <summary>Step text that cannot become the value a step method asks for.</summary>
public sealed class ArgumentConversionException(string message, Exception? inner = null) : Exception(message, inner);
