using StackTests.Settings;

namespace StackTests.Tests.Settings;

public sealed class BinaryFinderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private SuiteSettings Settings(bool binDir = true, params string[] path) => SuiteSettings.From(new Dictionary<string, string>
    {
        ["STACKTESTS_ROOT"] = _temp.Folder("checkout"),
        ["PATH"] = string.Join(':', path.Select(p => Path.Combine(_temp.Path, p))),
        [binDir ? "STACKTESTS_BIN_DIR" : "UNUSED"] = Path.Combine(_temp.Path, "bin-dir"),
    });

    [Fact]
    public void The_folders_in_their_documented_order()
    {
        BinaryFinder.SearchFolders(Settings(true, "p1", "p2")).Should().Equal(
            Path.Combine(_temp.Path, "bin-dir"),
            Path.Combine(_temp.Path, "checkout", ".tools", "sid", "usr", "bin"),
            Path.Combine(_temp.Path, "p1"),
            Path.Combine(_temp.Path, "p2"),
            "/usr/bin", "/usr/sbin", "/sbin");
    }

    [Fact]
    public void STACKTESTS_BIN_DIR_wins_then_the_checkouts_tools_then_PATH_in_order()
    {
        var inBinDir = _temp.File("bin-dir/prometheus");
        var inTools = _temp.File("checkout/.tools/sid/usr/bin/prometheus");
        var inFirstPath = _temp.File("p1/prometheus");
        _temp.File("p2/prometheus");

        BinaryFinder.Find("prometheus", Settings(true, "p1", "p2")).Should().Be(inBinDir);
        BinaryFinder.Find("prometheus", Settings(false, "p1", "p2")).Should().Be(inTools);
        File.Delete(inTools);
        BinaryFinder.Find("prometheus", Settings(false, "p1", "p2")).Should().Be(inFirstPath);
        BinaryFinder.Find("prometheus", Settings(false, "p2", "p1")).Should().Be(Path.Combine(_temp.Path, "p2", "prometheus"));
    }

    [Fact]
    public void A_file_that_is_not_executable_is_passed_over()
    {
        _temp.File("bin-dir/amtool", executable: false);
        var executable = _temp.File("p1/amtool");
        BinaryFinder.Find("amtool", Settings(true, "p1")).Should().Be(executable);
    }

    [Fact]
    public void A_program_in_no_folder_is_null()
    {
        BinaryFinder.Find("stacktests-no-such-program", Settings(true, "p1")).Should().BeNull();
    }

    [Fact]
    public void The_system_folders_come_after_PATH()
    {
        // sh is in /usr/bin on every Debian system (usrmerge); an empty PATH still finds it there.
        BinaryFinder.Find("sh", Settings(false)).Should().Be("/usr/bin/sh");
        var own = _temp.File("p1/sh");
        BinaryFinder.Find("sh", Settings(false, "p1")).Should().Be(own);
    }
}
