namespace StackTests.Bdd;

/// <summary>
/// One test of a suite: a scenario to run (by id), skipped when SkipReason is set; or, with an
/// Error, a problem found before running (a feature that does not parse, a binding that cannot be used).
/// </summary>
public sealed record SuiteTest(string Id, string DisplayName, IReadOnlyList<string> Tags, string? SkipReason, string? Error)
{
    public static SuiteTest Failure(string id, string displayName, string error) => new(id, displayName, [], null, error);
}
