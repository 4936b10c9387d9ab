using System.Numerics;
using System.Reflection;

namespace StackTests.Bdd;

/// <summary>A step definition: its expression, the keywords it binds, and the method it calls.</summary>
public sealed class StepBinding
{
    public string Id { get; } = Guid.NewGuid().ToString();
    public StepKind Kind { get; }
    public StepExpression Expression { get; }
    public MethodInfo Method { get; }

    /// <summary>Whether the method's last parameter takes the step's data table or doc string.</summary>
    public bool TakesStepArgument => Method.GetParameters().Length == Expression.Parameters.Count + 1;

    private StepBinding(StepKind kind, StepExpression expression, MethodInfo method)
    {
        Kind = kind;
        Expression = expression;
        Method = method;
    }

    /// <summary>The binding, or a BindingException naming the method when its parameters do not fit the expression.</summary>
    public static StepBinding Create(StepDefinitionAttribute attribute, MethodInfo method,
        ParameterTypeRegistry parameterTypes, ArgumentConverter converter)
    {
        var where = $"[{attribute.Kind switch { StepKind.Any => "StepDefinition", var k => k.ToString() }}(\"{attribute.Expression}\")] on {Transformation.Describe(method)}";
        StepExpression expression;
        try { expression = StepExpression.Create(attribute.Expression, parameterTypes); }
        catch (BindingException e) { throw new BindingException($"{where}: {e.Message}"); }

        var parameters = method.GetParameters();
        var expected = expression.Parameters.Count;
        if (parameters.Length != expected && parameters.Length != expected + 1)
            throw new BindingException(
                $"{where}: the expression has {expected} parameter(s) but the method takes {parameters.Length}; "
                + "it takes one per parameter, plus optionally a last one for the step's data table or doc string");
        for (var i = 0; i < expected; i++)
        {
            if (!Fits(expression.Parameters[i], parameters[i].ParameterType, converter))
                throw new BindingException(
                    $"{where}: parameter '{parameters[i].Name}' of type {TypeNames.Of(parameters[i].ParameterType)} cannot take "
                    + (expression.Parameters[i] is { } type ? $"{{{type.Name}}}" : $"capture group {i + 1}")
                    + $" (argument {i + 1}); {Suggestion(expression.Parameters[i])}");
        }
        if (parameters.Length == expected + 1 && !FitsStepArgument(parameters[^1].ParameterType, converter))
            throw new BindingException(
                $"{where}: the last parameter '{parameters[^1].Name}' of type {TypeNames.Of(parameters[^1].ParameterType)} has no "
                + "expression parameter and cannot take a data table or doc string (use DataTable, DocString, string, a list of rows, or a [StepArgumentTransformation] from DataTable)");
        if (!ReturnsVoidOrTask(method))
            throw new BindingException($"{where}: returns {TypeNames.Of(method.ReturnType)}; a step returns void, Task or ValueTask");
        return new StepBinding(attribute.Kind, expression, method);
    }

    /// <summary>Whether this definition binds a step written with that kind of keyword (And/But take the kind before them).</summary>
    public bool Binds(StepKind stepKind) => Kind == StepKind.Any || stepKind == StepKind.Any || Kind == stepKind;

    internal static bool ReturnsVoidOrTask(MethodInfo method) =>
        method.ReturnType == typeof(void) || typeof(Task).IsAssignableFrom(method.ReturnType) || method.ReturnType == typeof(ValueTask);

    private static bool Fits(ParameterType? type, Type target, ArgumentConverter converter)
    {
        if (type?.Transformation is { } transformation)
            return target.IsAssignableFrom(transformation.ReturnType);
        var natural = type?.Type ?? typeof(string);
        if (IsNumber(natural))
        {
            var plain = Nullable.GetUnderlyingType(target) ?? target;
            var integral = natural != typeof(double) && natural != typeof(decimal);
            return plain == typeof(string) || plain == typeof(object)
                || (integral ? IsNumber(plain) : plain == typeof(double) || plain == typeof(float) || plain == typeof(decimal))
                || converter.HasTextTransformationTo(target);
        }
        return converter.CanConvertText(target);
    }

    private static string Suggestion(ParameterType? type) => type switch
    {
        { Transformation: { } t } => $"{{{type.Name}}} gives {TypeNames.Of(t.ReturnType)}",
        { Name: "int" or "long" or "short" or "byte" or "biginteger" } => "use a number type (int, long, BigInteger, double, decimal) or string",
        { Name: "float" or "double" or "decimal" or "bigdecimal" } => "use double, float, decimal or string",
        _ => "use string, a number, bool, TimeSpan, an enum, or add a [StepArgumentTransformation] for the type",
    };

    private static bool IsNumber(Type t) => t == typeof(BigInteger) || !t.IsEnum && Type.GetTypeCode(t) is TypeCode.Int32 or TypeCode.Int64
        or TypeCode.Int16 or TypeCode.Byte or TypeCode.Double or TypeCode.Single or TypeCode.Decimal;

    private static bool FitsStepArgument(Type target, ArgumentConverter converter) =>
        target == typeof(DocString) || target == typeof(string) || converter.CanConvertTable(target);

    public override string ToString() =>
        $"[{(Kind == StepKind.Any ? "StepDefinition" : Kind.ToString())}(\"{Expression.Source}\")] {Method.DeclaringType?.Name}.{Method.Name}";
}
