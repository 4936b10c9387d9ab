using System.Reflection;

namespace StackTests.Bdd;

/// <summary>
/// Data table rows to objects: a column fills the property or constructor parameter of the same name
/// (case, spaces, dashes and underscores ignored). A one-column table of simple values gives the values.
/// </summary>
internal static class RowMapper
{
    /// <summary>T for the collection types a table can fill: T[], List&lt;T&gt;, IEnumerable&lt;T&gt;, IReadOnlyList&lt;T&gt; ...</summary>
    public static Type? ElementTypeOf(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType || type.GetGenericArguments().Length != 1) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>)
            || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    public static object CreateCollection(DataTable table, Type target, ArgumentConverter converter)
    {
        var element = ElementTypeOf(target) ?? throw new ArgumentConversionException($"a data table cannot become a {TypeNames.Of(target)}");
        var items = CreateSet(table, element, converter);
        var array = Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++) array.SetValue(items[i], i);
        return target.IsArray ? array : Activator.CreateInstance(typeof(List<>).MakeGenericType(element), array)!;
    }

    public static List<object?> CreateSet(DataTable table, Type type, ArgumentConverter converter)
    {
        // A single column of simple values ("| service |" then names) lists the values themselves.
        if (table.Header.Count == 1 && converter.CanConvertText(type) && !HasSettableMembers(type))
            return table.Rows.Select(r => converter.ConvertText(r[0], type, NoInjection)).ToList();
        return table.Rows.Select(row => (object?)Create(type, table.Header, row.Cells, converter)).ToList();
    }

    public static object Create(Type type, IReadOnlyList<string> names, IReadOnlyList<string> values, ArgumentConverter converter)
    {
        var cells = names.Select((name, i) => (Key: Key(name), Name: name, Value: values[i])).ToList();
        var constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).FirstOrDefault(c => c.GetParameters().Length == 0)
            ?? type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentConversionException($"{type.Name} has no public constructor to create rows with");
        var used = new HashSet<string>();
        var arguments = constructor.GetParameters().Select(p =>
        {
            var cell = cells.FirstOrDefault(c => c.Key == Key(p.Name!));
            if (cell.Name is null)
            {
                if (p.HasDefaultValue) return p.DefaultValue;
                if (!p.ParameterType.IsValueType || Nullable.GetUnderlyingType(p.ParameterType) is not null) return null;
                throw new ArgumentConversionException($"the table has no column for {type.Name}'s constructor parameter '{p.Name}'; columns: {string.Join(", ", names)}");
            }
            used.Add(cell.Key);
            return ConvertCell(cell.Name, cell.Value, p.ParameterType, converter);
        }).ToArray();
        var instance = constructor.Invoke(arguments);
        foreach (var cell in cells.Where(c => !used.Contains(c.Key)))
        {
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => p.CanWrite && Key(p.Name) == cell.Key)
                ?? throw new ArgumentConversionException(
                    $"column '{cell.Name}' matches no settable property of {type.Name}; properties: {string.Join(", ", type.GetProperties().Where(p => p.CanWrite).Select(p => p.Name))}");
            property.SetValue(instance, ConvertCell(cell.Name, cell.Value, property.PropertyType, converter));
        }
        return instance;
    }

    private static object? ConvertCell(string column, string value, Type type, ArgumentConverter converter)
    {
        try { return converter.ConvertText(value, type, NoInjection); }
        catch (ArgumentConversionException e) { throw new ArgumentConversionException($"column '{column}': {e.Message}", e); }
    }

    private static bool HasSettableMembers(Type type) =>
        type != typeof(string) && !type.IsPrimitive && !type.IsEnum && type.GetProperties().Any(p => p.CanWrite);

    private static string Key(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static object NoInjection(Type type) =>
        throw new ArgumentConversionException($"table cells cannot use instance transformations of {type.Name}; make the transformation static");
}
