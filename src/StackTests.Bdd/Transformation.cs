using System.Reflection;
using System.Text.RegularExpressions;

namespace StackTests.Bdd;

/// <summary>A [StepArgumentTransformation] method: turns matched text (or a DataTable) into its return type.</summary>
public sealed class Transformation
{
    private readonly Regex? _regex;

    public MethodInfo Method { get; }
    public string Name { get; }
    public string Pattern { get; }
    public Type ReturnType => Method.ReturnType;
    public bool TakesTable { get; }

    /// <summary>Whether it was given no regex, and so takes any text.</summary>
    public bool TakesAnyText => _regex is null;

    public Transformation(MethodInfo method, StepArgumentTransformationAttribute attribute)
    {
        Method = method;
        var parameters = method.GetParameters();
        if (parameters.Length != 1 || parameters[0].ParameterType != typeof(string) && parameters[0].ParameterType != typeof(DataTable))
            throw new BindingException(
                $"{Describe(method)}: a [StepArgumentTransformation] takes one string or DataTable parameter");
        TakesTable = parameters[0].ParameterType == typeof(DataTable);
        if (method.ReturnType == typeof(void) || typeof(Task).IsAssignableFrom(method.ReturnType))
            throw new BindingException($"{Describe(method)}: a [StepArgumentTransformation] returns the value it makes");
        Name = attribute.Name ?? method.ReturnType.Name;
        Pattern = attribute.Regex ?? ".*";
        try { _regex = attribute.Regex is null ? null : new Regex($"^(?:{attribute.Regex})$", RegexOptions.CultureInvariant); }
        catch (ArgumentException e) { throw new BindingException($"{Describe(method)}: invalid regex \"{attribute.Regex}\": {e.Message}"); }
    }

    /// <summary>Whether this transformation takes the text (always true without a regex).</summary>
    public bool Accepts(string text) => _regex is null || _regex.IsMatch(text);

    public object? Invoke(object? argument, Func<Type, object> resolve)
    {
        var target = Method.IsStatic ? null : resolve(Method.DeclaringType!);
        try { return Method.Invoke(target, [argument]); }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new ArgumentConversionException($"{Describe(Method)} could not convert \"{argument}\": {e.InnerException.Message}", e.InnerException);
        }
    }

    internal static string Describe(MethodInfo method) =>
        $"{method.DeclaringType?.FullName}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => $"{TypeNames.Of(p.ParameterType)} {p.Name}"))})";
}
