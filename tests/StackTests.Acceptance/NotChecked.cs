namespace StackTests.Acceptance;

/// <summary>
/// What a step could not check on this stack: never a silent line. Each is written to the output and
/// to the scenario's evidence (shown with its result); under --fail-on-skip, which makes a skip a
/// failure, a part skipped fails the scenario too.
/// </summary>
public static class NotChecked
{
    public static void Report(ScenarioContext scenario, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        var lines = items.Select(i => $"not checked: {i}").ToList();
        foreach (var line in lines) scenario.Output.WriteLine(line);
        scenario.AddEvidence(lines);
        if (SuiteSettings.Current.FailOnSkip)
            throw new NotCheckedException($"{items.Count} part(s) of this scenario not checked, and a skip counts as a failure in this run " +
                                          $"(--fail-on-skip): {string.Join("; ", items)}");
    }
}

public sealed class NotCheckedException(string message) : Exception(message);
