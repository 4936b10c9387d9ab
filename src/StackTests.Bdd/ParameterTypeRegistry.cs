using CucumberExpressions;

namespace StackTests.Bdd;

/// <summary>
/// The parameter types step expressions can use: the built-in ones and those defined by
/// [StepArgumentTransformation] methods, in the order they were defined.
/// </summary>
public sealed class ParameterTypeRegistry : IParameterTypeRegistry
{
    private readonly Dictionary<string, ParameterType> _byName = [];
    private readonly List<ParameterType> _all = [];

    /// <summary>A registry holding the built-in types.</summary>
    public ParameterTypeRegistry()
    {
        foreach (var type in ParameterType.BuiltIn) Define(type);
    }

    public IReadOnlyList<ParameterType> All => _all;

    /// <summary>The type named so ("" is the anonymous {}), or null.</summary>
    public ParameterType? Lookup(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Adds a type; false (and nothing added) when one of that name exists.</summary>
    public bool Define(ParameterType type)
    {
        if (!_byName.TryAdd(type.Name, type)) return false;
        _all.Add(type);
        return true;
    }

    IParameterType? IParameterTypeRegistry.LookupByTypeName(string name) => Lookup(name);

    IEnumerable<IParameterType> IParameterTypeRegistry.GetParameterTypes() => _all;
}
