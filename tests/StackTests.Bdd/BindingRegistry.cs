using System.Reflection;

namespace StackTests.Bdd;

/// <summary>All step definitions and hooks of the [Binding] classes in some assemblies.</summary>
public sealed class BindingRegistry
{
    public IReadOnlyList<StepBinding> Steps { get; }
    public IReadOnlyList<MethodInfo> BeforeTestRun { get; }
    public IReadOnlyList<MethodInfo> AfterTestRun { get; }

    public BindingRegistry(IEnumerable<Assembly> assemblies)
    {
        var types = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<BindingAttribute>() is not null)
            .ToList();
        var methods = types.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)).ToList();
        Steps = methods
            .SelectMany(m => m.GetCustomAttributes<StepDefinitionAttribute>().Select(a => Bind(a.Expression, m)))
            .ToList();
        BeforeTestRun = methods.Where(m => m.IsStatic && m.GetCustomAttribute<BeforeTestRunAttribute>() is not null).ToList();
        AfterTestRun = methods.Where(m => m.IsStatic && m.GetCustomAttribute<AfterTestRunAttribute>() is not null).ToList();
    }

    private static StepBinding Bind(string expression, MethodInfo method)
    {
        var compiled = new StepExpression(expression);
        var parameters = method.GetParameters();
        if (parameters.Length != compiled.ParameterClrTypes.Count)
            throw new BindingException(
                $"{method.DeclaringType?.FullName}.{method.Name}: expression \"{expression}\" has {compiled.ParameterClrTypes.Count} parameter(s), the method takes {parameters.Length}");
        return new StepBinding(compiled, method);
    }

    /// <summary>The bindings whose expression matches the step text, with their arguments.</summary>
    public IReadOnlyList<(StepBinding Binding, object?[] Arguments)> Match(string text) =>
        Steps.Select(s => (s, s.Expression.Match(text)))
            .Where(m => m.Item2 is not null)
            .Select(m => (m.s, m.Item2!))
            .ToList();
}
