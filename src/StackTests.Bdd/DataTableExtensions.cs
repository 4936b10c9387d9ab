namespace StackTests.Bdd;

/// <summary>Typed views of a data table, in the shape of Reqnroll's table helpers.</summary>
public static class DataTableExtensions
{
    /// <summary>One T per row; columns fill properties or constructor parameters of the same name.</summary>
    public static List<T> CreateSet<T>(this DataTable table) =>
        RowMapper.CreateSet(table, typeof(T), ArgumentConverter.BuiltIn).Cast<T>().ToList();

    /// <summary>
    /// One T from a two-column field/value table ("| Field | Value |" then one row per property),
    /// or from the single row of a horizontal table.
    /// </summary>
    public static T CreateInstance<T>(this DataTable table)
    {
        if (table.Header.Count == 2 && table.Header[0].Trim().ToLowerInvariant() is "field" or "name" or "property" or "key")
            return (T)RowMapper.Create(typeof(T), table.Rows.Select(r => r[0]).ToList(), table.Rows.Select(r => r[1]).ToList(), ArgumentConverter.BuiltIn);
        if (table.RowCount == 1)
            return (T)RowMapper.Create(typeof(T), table.Header, table.Rows[0].Cells, ArgumentConverter.BuiltIn);
        throw new ArgumentConversionException(
            $"CreateInstance<{typeof(T).Name}> needs a '| Field | Value |' table or a table with one row; this one has {table.RowCount} rows");
    }
}
