using StackTests.Alloy.Syntax;

namespace StackTests.Lint.Alloy;

/// <summary>Reading literal values out of Alloy expressions; null where the value is computed.</summary>
internal static class AlloyValues
{
    public static string? String(Expression? expression) => (expression as LiteralExpression)?.StringValue;

    public static string? String(BlockStatement block, string attribute) => String(block.Attribute(attribute)?.Value);

    /// <summary>The string elements of an array literal; null when it is not one of only strings.</summary>
    public static IReadOnlyList<string>? Strings(Expression? expression)
    {
        if (expression is not ArrayExpression array) return null;
        var values = array.Elements.Select(String).ToList();
        return values.Any(v => v is null) ? null : values.Cast<string>().ToList();
    }

    /// <summary>The fields of an object literal; empty when the expression is not one.</summary>
    public static IReadOnlyList<ObjectField> Fields(Expression? expression) =>
        expression is ObjectExpression obj ? obj.Fields : [];
}
