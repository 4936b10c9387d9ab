namespace StackTests.Bdd;

/// <summary>A binding that cannot be used as written: bad expression, wrong parameters, no match.</summary>
public sealed class BindingException(string message) : Exception(message);
