using System.Reflection;

namespace StackTests.Bdd;

/// <summary>A step definition: its expression and the method it calls.</summary>
public sealed record StepBinding(StepExpression Expression, MethodInfo Method)
{
    public override string ToString() => $"\"{Expression.Source}\" -> {Method.DeclaringType?.Name}.{Method.Name}";
}
