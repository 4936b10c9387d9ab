using System.Reflection;

namespace StackTests.Bdd;

/// <summary>A hook method: when it runs, in which order, and for which tags.</summary>
public sealed class HookBinding
{
    public string Id { get; } = Guid.NewGuid().ToString();
    public HookKind Kind { get; }
    public MethodInfo Method { get; }
    public int Order { get; }
    public IReadOnlyList<TagExpression> Tags { get; }

    private HookBinding(HookKind kind, MethodInfo method, int order, IReadOnlyList<TagExpression> tags)
    {
        Kind = kind;
        Method = method;
        Order = order;
        Tags = tags;
    }

    public static HookBinding Create(HookAttribute attribute, MethodInfo method)
    {
        var where = $"[{attribute.Kind}] on {Transformation.Describe(method)}";
        var staticOnly = attribute.Kind is HookKind.BeforeTestRun or HookKind.AfterTestRun or HookKind.BeforeFeature or HookKind.AfterFeature;
        if (staticOnly && !method.IsStatic)
            throw new BindingException($"{where}: a {attribute.Kind} hook must be static (it runs outside any scenario)");
        var parameters = method.GetParameters();
        if (attribute.Kind is HookKind.BeforeTestRun or HookKind.AfterTestRun && parameters.Length > 0)
            throw new BindingException($"{where}: a {attribute.Kind} hook takes no parameters");
        if (attribute.Kind is HookKind.BeforeFeature or HookKind.AfterFeature && parameters.Any(p => p.ParameterType != typeof(FeatureContext)))
            throw new BindingException($"{where}: a {attribute.Kind} hook takes no parameters or a FeatureContext");
        if (!StepBinding.ReturnsVoidOrTask(method))
            throw new BindingException($"{where}: returns {TypeNames.Of(method.ReturnType)}; a hook returns void, Task or ValueTask");
        try
        {
            return new HookBinding(attribute.Kind, method, attribute.Order, attribute.Tags.Select(TagExpression.Parse).ToList());
        }
        catch (FormatException e) { throw new BindingException($"{where}: {e.Message}"); }
    }

    /// <summary>Whether the hook runs for a scenario or feature with these tags.</summary>
    public bool AppliesTo(IEnumerable<string> tags) => Tags.Count == 0 || Tags.Any(t => t.Matches(tags));

    public string TagExpressionText => string.Join(" or ", Tags.Select(t => Tags.Count > 1 ? $"({t.Source})" : t.Source));

    public override string ToString() => $"[{Kind}] {Method.DeclaringType?.Name}.{Method.Name}";
}
