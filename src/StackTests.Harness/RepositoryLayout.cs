namespace StackTests.Harness;

/// <summary>Where the stack definition lives: compose/compose.yaml of the repository root (STACKTESTS_ROOT, or found).</summary>
public static class RepositoryLayout
{
    public static string Root => RepositoryRoot.Require();

    public static string ComposeFile => Path.Combine(Root, "compose", "compose.yaml");
}
