using System.Reflection;

namespace StackTests.Bdd;

/// <summary>
/// Per-scenario objects for constructor injection: each type is created once per scenario,
/// shared by every binding that asks for it, and disposed when the scenario ends.
/// </summary>
public sealed class ScenarioContainer(ScenarioContext context) : IAsyncDisposable
{
    private readonly Dictionary<Type, object> _instances = new()
    {
        [typeof(ScenarioContext)] = context,
        [typeof(FeatureContext)] = context.Feature,
    };
    private readonly List<object> _created = [];

    public object Resolve(Type type) => Resolve(type, []);

    private object Resolve(Type type, HashSet<Type> resolving)
    {
        if (_instances.TryGetValue(type, out var existing)) return existing;
        if (!resolving.Add(type))
            throw new BindingException($"circular constructor dependency through {type.FullName}");
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new BindingException($"{type.FullName} has no public constructor to inject");
        var arguments = constructor.GetParameters().Select(p => Resolve(p.ParameterType, resolving)).ToArray();
        var instance = constructor.Invoke(arguments);
        _instances[type] = instance;
        _created.Add(instance);
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _created.Count - 1; i >= 0; i--)
        {
            switch (_created[i])
            {
                case IAsyncDisposable a: await a.DisposeAsync(); break;
                case IDisposable d: d.Dispose(); break;
            }
        }
    }
}
