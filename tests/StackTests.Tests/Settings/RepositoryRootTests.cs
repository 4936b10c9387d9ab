using StackTests.Settings;

namespace StackTests.Tests.Settings;

public sealed class RepositoryRootTests
{
    [Fact]
    public void The_nearest_folder_holding_the_solution_above_the_start()
    {
        using var temp = new TempFolder();
        temp.File("outer/StackTests.sln", executable: false);
        temp.File("outer/checkout/StackTests.sln", executable: false);
        var deep = temp.Folder("outer/checkout/tests/bin/Release");
        RepositoryRoot.Search(deep).Should().Be(Path.Combine(temp.Path, "outer", "checkout"));
    }

    [Fact]
    public void The_first_start_folder_that_has_one_wins()
    {
        using var temp = new TempFolder();
        var none = temp.Folder("elsewhere/bin");
        temp.File("checkout/StackTests.sln", executable: false);
        var start = temp.Folder("checkout/src");
        RepositoryRoot.Search(none, start).Should().Be(Path.Combine(temp.Path, "checkout"));
    }

    [Fact]
    public void None_above_any_start_folder_is_null()
    {
        using var temp = new TempFolder();
        RepositoryRoot.Search(temp.Folder("a/b")).Should().BeNull();
    }

    [Fact]
    public void The_root_of_this_process_holds_compose_and_features()
    {
        var root = RepositoryRoot.Require();
        File.Exists(Path.Combine(root, "compose", "compose.yaml")).Should().BeTrue();
        Directory.Exists(Path.Combine(root, "features")).Should().BeTrue();
    }

    [Fact]
    public void STACKTESTS_ROOT_is_the_root_without_a_search()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("not-a-checkout");
        SuiteSettings.From(new Dictionary<string, string> { ["STACKTESTS_ROOT"] = root }).Root.Should().Be(root);
    }
}
