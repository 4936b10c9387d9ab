using StackTests.Harness;
using System.Text.RegularExpressions;
using StackTests.Compose;

namespace StackTests.Tests.Harness;

/// <summary>
/// compose.yaml is the one place a service port is written: the harness, the canary and the step
/// definitions ask for a port by the name its x-stacktests.ports gives it, never by number.
/// </summary>
public sealed partial class PortLiteralGuardTests
{
    private static readonly string[] Folders = ["src/StackTests.Harness", "src/StackTests.Canary", "tests/StackTests.Acceptance"];

    [Fact]
    public void No_container_port_compose_declares_is_written_in_the_harness_canary_or_steps()
    {
        var ports = ComposeFile.Load(RepositoryLayout.ComposeFile).Services.SelectMany(s => s.ContainerPorts).ToHashSet();
        ports.Should().NotBeEmpty();
        Folders.SelectMany(folder => Literals(RepositoryLayout.Root, folder, ports))
            .Should().BeEmpty("compose.yaml is the one place a port is written: ask for it by its x-stacktests.ports name");
    }

    [Fact]
    public void A_port_written_in_code_is_found_with_its_file_and_line_and_one_in_a_comment_or_a_longer_number_is_not()
    {
        var root = Directory.CreateTempSubdirectory("stacktests-ports-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "src", "obj"));
            File.WriteAllText(Path.Combine(root, "src", "Client.cs"),
                "// the API on 9090\nvar url = \"http://127.0.0.1:9090\";\nvar big = 90901; var version = \"v1.9090.0\";\n");
            File.WriteAllText(Path.Combine(root, "src", "obj", "Generated.cs"), "var port = 9090;\n");
            Literals(root, "src", new HashSet<int> { 9090 }).Should().Equal(
                $"src{Path.DirectorySeparatorChar}Client.cs:2: 9090 in: var url = \"http://127.0.0.1:9090\";");
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    // Whole numbers outside identifiers and dotted versions; whole-line comments (//, ///) are prose, not code.
    [GeneratedRegex(@"(?<![\w.])\d+(?![\w.])")]
    private static partial Regex Number();

    private static IEnumerable<string> Literals(string root, string folder, IReadOnlySet<int> ports) =>
        from file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
        let relative = Path.GetRelativePath(root, file)
        where !relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")
        from line in File.ReadLines(file).Select((text, index) => (Text: text.Trim(), Number: index + 1))
        where !line.Text.StartsWith("//", StringComparison.Ordinal)
        from match in Number().Matches(line.Text)
        where int.TryParse(match.Value, out var number) && ports.Contains(number)
        select $"{relative}:{line.Number}: {match.Value} in: {line.Text}";
}
