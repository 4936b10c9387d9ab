namespace StackTests.Harness;

/// <summary>
/// This run's identity. Every signal the suite emits carries the run id, and every query filters
/// on it, so runs sharing one stack never see each other's data.
/// </summary>
public static class TestRun
{
    /// <summary>The label (or JSON field) that carries the run id on every signal the suite emits.</summary>
    public const string IdLabel = "run_id";

    /// <summary>STACKTESTS_RUN_ID, else generated once per process.</summary>
    public static string Id => SuiteSettings.Current.RunId;

    /// <summary>Where this run keeps service data, copied configs and logs.</summary>
    public static string Directory => SuiteSettings.Current.RunDirectory;
}
