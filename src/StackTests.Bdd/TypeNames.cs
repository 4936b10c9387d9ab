namespace StackTests.Bdd;

/// <summary>C#-style type names for messages ("int", "List&lt;Row&gt;") instead of CLR names ("Int32", "List`1").</summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Of(inner) + "?";
        if (type.IsEnum) return type.Name;
        if (type.IsArray) return Of(type.GetElementType()!) + "[]";
        if (type.IsGenericType)
            return $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.Int16 => "short",
            TypeCode.Byte => "byte",
            TypeCode.Double => "double",
            TypeCode.Single => "float",
            TypeCode.Decimal => "decimal",
            TypeCode.Boolean => "bool",
            TypeCode.String => "string",
            _ => type == typeof(object) ? "object" : type.Name,
        };
    }
}
