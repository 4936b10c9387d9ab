namespace StackTests.Harness;

/// <summary>
/// Lines of the form "&lt;prefix&gt; &lt;number&gt;" as one writer sent them: the numbers found (sorted,
/// duplicates kept) and the lines of the prefix whose number could not be read. A line that cannot be
/// parsed is reported as such, never counted as a number.
/// </summary>
public sealed record NumberedLines(IReadOnlyList<int> Numbers, IReadOnlyList<string> Unparsed)
{
    public static NumberedLines Of(IEnumerable<string> lines, string prefix)
    {
        var numbers = new List<int>();
        var unparsed = new List<string>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (int.TryParse(line[prefix.Length..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) numbers.Add(n);
            else unparsed.Add(line);
        }
        numbers.Sort();
        return new NumberedLines(numbers, unparsed);
    }

    /// <summary>How these lines differ from exactly 1..count, each once.</summary>
    public string Describe(int count)
    {
        var missing = Enumerable.Range(1, count).Except(Numbers).ToList();
        var duplicated = Numbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        var foreign = Numbers.Where(n => n < 1 || n > count).Distinct().ToList();
        var parts = new List<string> { $"{Numbers.Count} numbered lines" };
        if (missing.Count > 0) parts.Add($"missing {string.Join(", ", missing)}");
        if (duplicated.Count > 0) parts.Add($"duplicated {string.Join(", ", duplicated)}");
        if (foreign.Count > 0) parts.Add($"outside 1..{count}: {string.Join(", ", foreign)}");
        if (Unparsed.Count > 0) parts.Add($"{Unparsed.Count} without a number (first: {Unparsed[0]})");
        return string.Join("; ", parts);
    }
}
