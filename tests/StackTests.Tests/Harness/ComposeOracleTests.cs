using StackTests.Harness;
using System.ComponentModel;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using StackTests.Compose;
using StackTests.Settings;

namespace StackTests.Tests.Harness;

/// <summary>
/// ComposeInterpolation and ComposeDotEnv against docker compose itself: `docker compose config`
/// (which starts nothing and needs only the CLI plugin) resolves the same cases, with the same
/// environment and .env file, and the answers must agree.
/// </summary>
[Trait("Tier", "integration")]
public sealed class ComposeOracleTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Names no machine sets, so the inherited environment cannot change the answers.
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["STO_SET"] = "value", ["STO_EMPTY"] = "", ["STO_OVER"] = "from-process", ["STO_BARE"] = "bare-from-process",
    };

    private const string DotEnv = """
        # a comment

        STO_DOT=dotvalue
        STO_DQ="double \"q\" \t \\ \$STO_SET ${STO_SET}"
        STO_SQ='single $STO_SET \n'
          export   STO_EXP = exported value   
        STO_CMT=value # comment
        STO_HASH=value#kept
        STO_EXPANDED=pre-${STO_SET}-${STO_DOT}-$$
        STO_OVER=from-dotenv
        STO_REF=${STO_OVER}
        STO_LATE=${STO_LATER:-none}
        STO_LATER=later
        STO_COLON: colon value
        STO_ML="line1
        line2"
        STO_QUOTED="a" # c
        STO_BARE
        STO_EMPTYV=
        """;

    private static readonly string[] Cases =
    [
        "${STO_SET}", "$STO_SET/x", "${STO_UNSET}", "no variables",
        "${STO_UNSET:-fallback}", "${STO_EMPTY:-fallback}", "${STO_EMPTY-fallback}", "${STO_UNSET-fallback}",
        "${STO_SET:+on}", "${STO_EMPTY:+on}", "${STO_UNSET:+on}", "${STO_SET+on}", "${STO_EMPTY+on}", "${STO_UNSET+on}",
        "${STO_UNSET:-${STO_SET:-x}}", "${STO_UNSET:-${STO_UNSET2:-x}}", "${STO_UNSET:-a${STO_SET}b}", "${STO_UNSET:-${STO_SET:+in}}",
        "${STO_UNSET:-a}b}", "${STO_UNSET:-{x}y}", "${STO_A-B-C}", "${STO_SET:-a:-b}",
        "$$STO_SET", "$$$STO_SET", "$$$$", "${STO_UNSET:-$$}", "a$ b", "$1", "cost: 5$", "${STO_SET}}", "${STO_EMPTY?oops}", "${STO_SET:?oops}",
        "${STO_DOT}", "${STO_DQ}", "${STO_SQ}", "${STO_EXP}", "${STO_CMT}", "${STO_HASH}", "${STO_EXPANDED}", "${STO_OVER}", "${STO_REF}",
        "${STO_LATE}", "${STO_COLON}", "${STO_ML}", "${STO_QUOTED}", "${STO_BARE}", "${STO_EMPTYV-unset}",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("stacktests-oracle-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string? Lookup(string name) =>
        Environment.TryGetValue(name, out var value) ? value : SuiteSettings.Current.Variable(name);

    private string ComposePath => Path.Combine(_directory, "compose.yaml");

    private void Write(IReadOnlyList<string> values)
    {
        File.WriteAllText(Path.Combine(_directory, ".env"), DotEnv);
        File.WriteAllText(ComposePath, "services:\n  s:\n    image: busybox\n    environment:\n" +
            string.Concat(values.Select((v, i) => $"      C{i}: '{v.Replace("'", "''")}'\n")));
    }

    // The answer of `docker compose config`, from another working directory: the .env that counts is the project's.
    private static async Task<BufferedCommandResult> ComposeConfigAsync(string composePath, string format = "json", IReadOnlyList<string>? profiles = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(Bound);
        return await Cli.Wrap("docker")
            .WithArguments(["compose", "-f", composePath, .. (profiles ?? []).SelectMany(p => new[] { "--profile", p }), "config", "--format", format])
            .WithWorkingDirectory(Path.GetTempPath())
            .WithEnvironmentVariables(Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
    }

    private static async Task RequireComposeCliAsync()
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
            timeout.CancelAfter(Bound);
            var version = await Cli.Wrap("docker").WithArguments(["compose", "version"]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
            if (version.ExitCode != 0) Assert.Skip($"'docker compose version' failed: {version.StandardError.Trim()}");
        }
        catch (Win32Exception e) { Assert.Skip($"no docker CLI here ({e.Message})"); }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested) { Assert.Skip($"'docker compose version' gave no answer within {Bound.TotalSeconds:0}s"); }
    }

    // What docker compose says when it refuses the one value: its standard error.
    private async Task<string> ComposeRefusesAsync(string text)
    {
        await RequireComposeCliAsync();
        Write([text]);
        var result = await ComposeConfigAsync(ComposePath);
        result.ExitCode.Should().NotBe(0, $"docker compose refuses '{text}'");
        return result.StandardError;
    }

    [Fact]
    public async Task Every_case_resolves_as_docker_compose_resolves_it()
    {
        await RequireComposeCliAsync();
        Write(Cases);
        var result = await ComposeConfigAsync(ComposePath);
        result.ExitCode.Should().Be(0, result.StandardError.Split('\n').LastOrDefault(l => l.Trim().Length > 0));
        var environment = JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("services").GetProperty("s").GetProperty("environment");

        var variables = ComposeDotEnv.Variables(ComposePath, Lookup);
        var differences = Cases.Select((text, i) => (
                Text: text,
                // `config` prints a model that can be read again: each literal $ comes back doubled.
                Compose: environment.GetProperty($"C{i}").GetString()!.Replace("$$", "$"),
                Ours: ComposeInterpolation.Apply(text, variables)))
            .Where(c => c.Compose != c.Ours)
            .Select(c => $"{c.Text}: docker compose '{c.Compose}', ComposeInterpolation '{c.Ours}'");
        differences.Should().BeEmpty();
    }

    [Fact]
    public async Task The_stacks_x_stacktests_fields_read_the_same_from_the_model_docker_compose_resolves()
    {
        await RequireComposeCliAsync();
        var ours = ComposeFile.Load(RepositoryLayout.ComposeFile);
        var result = await ComposeConfigAsync(RepositoryLayout.ComposeFile, "yaml", [.. ours.Services.SelectMany(s => s.Profiles).Distinct()]);
        result.ExitCode.Should().Be(0, result.StandardError.Split('\n').LastOrDefault(l => l.Trim().Length > 0));
        // compose's own model (ports in long syntax, environment resolved; its JSON form drops x- fields) read by our reader.
        var resolved = ComposeFile.Parse(RepositoryLayout.ComposeFile, result.StandardOutput, _ => null);
        resolved.Services.Select(s => s.Name).Should().BeEquivalentTo(ours.Services.Select(s => s.Name));
        foreach (var service in ours.Services)
        {
            var theirs = resolved.Service(service.Name);
            theirs.Extension.Ports.Should().Equal(service.Extension.Ports, $"{service.Name}'s x-stacktests.ports");
            theirs.Extension.Readiness.Should().Be(service.Extension.Readiness, $"{service.Name}'s x-stacktests.ready");
            theirs.Extension.Login.Should().Be(service.Extension.Login, $"{service.Name}'s x-stacktests.login");
            theirs.ContainerPorts.Should().BeEquivalentTo(service.ContainerPorts, $"{service.Name}'s ports: and expose:");
        }
        resolved.Images.Should().Equal(ours.Images);
    }

    [Theory]
    [InlineData("${STO_UNSET:?must be set}")]
    [InlineData("${STO_EMPTY:?}")]
    [InlineData("${STO_UNSET?needed ${STO_SET}}")]
    public async Task A_required_variable_fails_with_the_message_docker_compose_gives(string text)
    {
        var error = await ComposeRefusesAsync(text);
        var load = () => ComposeFile.Parse(ComposePath, File.ReadAllText(ComposePath), ComposeDotEnv.Variables(ComposePath, Lookup));
        error.Should().Contain(load.Should().Throw<ComposeFormatException>().Which.Problem);
    }

    [Theory]
    [InlineData("${}")]
    [InlineData("${STO_UNSET")]
    [InlineData("${STO_UNSET:-${STO_SET}")]
    [InlineData("${1X}")]
    public async Task A_malformed_reference_fails_as_it_does_for_docker_compose(string text)
    {
        (await ComposeRefusesAsync(text)).Should().Contain("invalid interpolation format");

        var apply = () => ComposeInterpolation.Apply(text, ComposeDotEnv.Variables(ComposePath, Lookup));
        apply.Should().Throw<ComposeInterpolationException>();
    }
}
