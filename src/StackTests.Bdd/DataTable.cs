namespace StackTests.Bdd;

/// <summary>
/// A step's data table: the first row is the header, the others are rows addressed by header name.
/// Turn it into objects with CreateSet&lt;T&gt;() (one per row) or CreateInstance&lt;T&gt;() (a two-column field/value table).
/// </summary>
public sealed class DataTable
{
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<DataTableRow> Rows { get; }
    public int RowCount => Rows.Count;

    /// <summary>Every row including the header, as written.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Raw { get; }

    public DataTable(IReadOnlyList<IReadOnlyList<string>> cells)
    {
        if (cells.Count == 0) throw new ArgumentException("a data table has at least a header row", nameof(cells));
        Raw = cells;
        Header = cells[0];
        var columns = Header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        Rows = cells.Skip(1).Select(row => new DataTableRow(columns, row)).ToList();
    }

    public DataTable(params string[][] cells) : this(cells.Select(r => (IReadOnlyList<string>)r).ToList()) { }

    public override string ToString() => string.Join("\n", Raw.Select(row => "| " + string.Join(" | ", row) + " |"));
}

/// <summary>One data table row: cells by header name or by position.</summary>
public sealed class DataTableRow(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> cells)
{
    public IReadOnlyList<string> Cells => cells;
    public IEnumerable<string> Keys => columns.Keys;

    public string this[int index] => cells[index];

    public string this[string column] =>
        columns.TryGetValue(column, out var index)
            ? cells[index]
            : throw new KeyNotFoundException($"the table has no column '{column}'; its columns are: {string.Join(", ", columns.Keys)}");

    public bool TryGetValue(string column, out string value)
    {
        var found = columns.TryGetValue(column, out var index);
        value = found ? cells[index] : "";
        return found;
    }
}
