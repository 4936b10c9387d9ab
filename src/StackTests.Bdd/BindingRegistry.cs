using System.Reflection;

namespace StackTests.Bdd;

/// <summary>A step definition that matches a step, with the arguments it matched.</summary>
public sealed record StepMatch(StepBinding Binding, IReadOnlyList<StepArgument> Arguments);

/// <summary>
/// All step definitions, hooks and step argument transformations of some [Binding] classes.
/// A binding that cannot be used is collected in Errors (with its type and method) instead of
/// stopping discovery, so that one run reports them all.
/// </summary>
public sealed class BindingRegistry
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public IReadOnlyList<StepBinding> Steps { get; }
    public IReadOnlyList<HookBinding> Hooks { get; }
    public IReadOnlyList<Transformation> Transformations { get; }
    public ParameterTypeRegistry ParameterTypes { get; }
    public ArgumentConverter Converter { get; }
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The [Binding] classes of these assemblies.</summary>
    public BindingRegistry(IEnumerable<Assembly> assemblies)
        : this(assemblies.SelectMany(LoadableTypes).Where(t => t.GetCustomAttribute<BindingAttribute>() is not null)) { }

    /// <summary>Exactly these binding classes.</summary>
    public BindingRegistry(IEnumerable<Type> bindingTypes)
    {
        var errors = new List<string>();
        var methods = bindingTypes.Distinct().OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => t.GetMethods(Declared)).ToList();

        var transformations = new List<Transformation>();
        foreach (var (method, attribute) in With<StepArgumentTransformationAttribute>(methods))
            Collect(errors, () => transformations.Add(new Transformation(method, attribute)));
        Transformations = transformations;
        Converter = new ArgumentConverter(transformations);

        var parameterTypes = new ParameterTypeRegistry();
        foreach (var t in transformations.Where(t => !t.TakesTable))
        {
            // As in Cucumber, a custom type may name the text it matches in a snippet; one that takes any text may not.
            if (!parameterTypes.Define(new ParameterType(t.Name, [t.Pattern], t.ReturnType, t, useForSnippets: !t.TakesAnyText)))
                errors.Add($"{Transformation.Describe(t.Method)}: parameter type {{{t.Name}}} is already defined"
                    + (parameterTypes.Lookup(t.Name)!.Transformation is { } other ? $" by {Transformation.Describe(other.Method)}" : " as a built-in type")
                    + "; give it another Name");
        }
        ParameterTypes = parameterTypes;

        var steps = new List<StepBinding>();
        foreach (var (method, attribute) in With<StepDefinitionAttribute>(methods))
            Collect(errors, () => steps.Add(StepBinding.Create(attribute, method, parameterTypes, Converter)));
        Steps = steps;

        var hooks = new List<HookBinding>();
        foreach (var (method, attribute) in With<HookAttribute>(methods))
            Collect(errors, () => hooks.Add(HookBinding.Create(attribute, method)));
        Hooks = hooks.OrderBy(h => h.Order).ToList();
        Errors = errors;
    }

    /// <summary>A registry of exactly these binding classes (for tests and tools).</summary>
    public static BindingRegistry Of(params Type[] bindingTypes) => new(bindingTypes.AsEnumerable());

    /// <summary>Throws one BindingException listing every binding that cannot be used.</summary>
    public void ThrowIfInvalid()
    {
        if (Errors.Count > 0)
            throw new BindingException($"{Errors.Count} binding error(s):\n" + ErrorList());
    }

    /// <summary>The errors one under the other, indented; a message of several lines (Cucumber's, with a caret under the problem) keeps its shape.</summary>
    public string ErrorList() => string.Join("\n", Errors.Select(e => "  " + e.Replace("\n", "\n  ")));

    /// <summary>The hooks of a kind that apply to these tags, lowest Order first.</summary>
    public IEnumerable<HookBinding> HooksFor(HookKind kind, IEnumerable<string> tags)
    {
        var list = tags as IReadOnlyCollection<string> ?? tags.ToList();
        return Hooks.Where(h => h.Kind == kind && h.AppliesTo(list));
    }

    /// <summary>The definitions that bind a step: its text matches and its keyword fits.</summary>
    public IReadOnlyList<StepMatch> Match(string text, StepKind kind)
    {
        var matches = new List<StepMatch>(1);
        foreach (var step in Steps)
        {
            if (!step.Binds(kind)) continue;
            if (step.Expression.Match(text) is { } arguments) matches.Add(new StepMatch(step, arguments));
        }
        return matches;
    }

    /// <summary>The definitions whose text matches but whose keyword does not (to explain an undefined step).</summary>
    public IReadOnlyList<StepBinding> MatchOtherKeywords(string text, StepKind kind) =>
        Steps.Where(s => !s.Binds(kind) && s.Expression.Match(text) is not null).ToList();

    private static IEnumerable<(MethodInfo, T)> With<T>(IEnumerable<MethodInfo> methods) where T : Attribute =>
        methods.SelectMany(m => m.GetCustomAttributes<T>().Select(a => (m, a)));

    private static void Collect(List<string> errors, Action register)
    {
        try { register(); }
        catch (BindingException e) { errors.Add(e.Message); }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }
}
