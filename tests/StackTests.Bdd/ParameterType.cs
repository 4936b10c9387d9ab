namespace StackTests.Bdd;

/// <summary>
/// A Cucumber expression parameter type such as {int}: the text it matches and the CLR type it
/// naturally gives. A custom one ([StepArgumentTransformation] with a name) converts through its method.
/// </summary>
public sealed record ParameterType(string Name, string Pattern, Type Type, Transformation? Transformation = null)
{
    /// <summary>Whether the argument is quoted text whose quotes are not part of the value ({string}).</summary>
    public bool IsQuoted => Name == "string" && Transformation is null;

    public static IReadOnlyList<ParameterType> BuiltIn { get; } =
    [
        new("int", @"-?\d+", typeof(int)),
        new("long", @"-?\d+", typeof(long)),
        new("short", @"-?\d+", typeof(short)),
        new("byte", @"\d+", typeof(byte)),
        new("biginteger", @"-?\d+", typeof(long)),
        new("float", @"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?", typeof(double)),
        new("double", @"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?", typeof(double)),
        new("decimal", @"[-+]?(?:\d+(?:\.\d*)?|\.\d+)", typeof(decimal)),
        new("bigdecimal", @"[-+]?(?:\d+(?:\.\d*)?|\.\d+)", typeof(decimal)),
        new("word", @"[^\s]+", typeof(string)),
        new("string", "\"(?:[^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\"|'(?:[^'\\\\]*(?:\\\\.[^'\\\\]*)*)'", typeof(string)),
        new("", ".*", typeof(object)),
    ];
}
