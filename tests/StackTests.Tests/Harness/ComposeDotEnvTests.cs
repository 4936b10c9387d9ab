using StackTests.Harness;
using StackTests.Compose;

namespace StackTests.Tests.Harness;

/// <summary>The .env file beside compose.yaml, read as docker compose reads it (docker compose's own answers: ComposeOracleTests).</summary>
public sealed class ComposeDotEnvTests
{
    private static IReadOnlyDictionary<string, string> Parse(string text, params (string Name, string Value)[] environment) =>
        ComposeDotEnv.Parse("/x/.env", text, name => environment.FirstOrDefault(e => e.Name == name).Value);

    [Fact]
    public void Lines_are_key_value_pairs_with_comments_blank_lines_and_an_optional_export()
    {
        Parse("# a comment\n\nA=1\n  export   B = two words  \nC: colon\nD=a=b=c\nE=\nF=#not a comment\nG=value # a comment\n")
            .Should().Equal(new Dictionary<string, string>
            {
                ["A"] = "1", ["B"] = "two words", ["C"] = "colon", ["D"] = "a=b=c", ["E"] = "", ["F"] = "#not a comment", ["G"] = "value",
            });
    }

    [Fact]
    public void Single_quotes_are_literal_and_double_quotes_take_escapes()
    {
        var values = Parse("S='$X \\n ${X}'\nD=\"tab\\there \\\"q\\\" back\\\\slash \\$X \\q\"\nM=\"line1\nline2\"\nQ=\"a\"b # c\nU=it's\n", ("X", "x"));
        values["S"].Should().Be("$X \\n ${X}");
        values["D"].Should().Be("tab\there \"q\" back\\slash $X \\q");
        values["M"].Should().Be("line1\nline2");
        values["Q"].Should().Be("a");
        values["U"].Should().Be("it's");
    }

    [Fact]
    public void Values_are_interpolated_from_the_environment_first_then_earlier_lines()
    {
        var values = Parse("OVER=file\nREF=${OVER}\nOWN=${A}-$$\nA=a\nLATE=${LATER:-none}\nLATER=later\n", ("OVER", "process"));
        values["REF"].Should().Be("process");
        values["LATE"].Should().Be("none");
        Parse("A=a\nB=${A}-$$x\n")["B"].Should().Be("a-$x");
    }

    [Fact]
    public void A_bare_key_takes_the_environments_value_when_there_is_one()
    {
        Parse("HOME_DIR\nMISSING\n", ("HOME_DIR", "/home/x")).Should().Equal(new Dictionary<string, string> { ["HOME_DIR"] = "/home/x" });
    }

    [Fact]
    public void A_broken_file_fails_naming_the_file_and_line()
    {
        var unterminated = () => Parse("A=1\nB=\"open\n");
        unterminated.Should().Throw<ComposeFormatException>().Which.Message.Should().StartWith("/x/.env:2: ");
        var required = () => Parse("A=1\n\nB=${NOPE:?set NOPE}\n");
        required.Should().Throw<ComposeFormatException>().WithMessage("/x/.env:3: required variable NOPE is missing a value: set NOPE");
        var garbage = () => Parse("not a pair\n");
        garbage.Should().Throw<ComposeFormatException>().WithMessage("/x/.env:1: *");
    }

    [Fact]
    public void The_environment_wins_over_the_env_file_beside_the_compose_file()
    {
        var directory = Directory.CreateTempSubdirectory("stacktests-dotenv-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, ".env"), "GRAFANA_ADMIN_PASSWORD=from-file\nGRAFANA_ADMIN_USER=file-user\n");
            var compose = ComposeFile.Parse(Path.Combine(directory, "compose.yaml"), """
                services:
                  grafana:
                    image: grafana/grafana:12.4.11
                    environment:
                      GF_SECURITY_ADMIN_USER: ${GRAFANA_ADMIN_USER:-admin}
                      GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:-admin}
                    x-stacktests:
                      login: {user: GF_SECURITY_ADMIN_USER, password: GF_SECURITY_ADMIN_PASSWORD, check: /api/user}
                """, ComposeDotEnv.Variables(Path.Combine(directory, "compose.yaml"), name => name == "GRAFANA_ADMIN_USER" ? "process-user" : null));
            ServiceCredentials.FromCompose(compose.Service("grafana")).Should().Be(new ServiceCredentials("process-user", "from-file", null));
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void Loading_a_compose_file_reads_the_env_file_beside_it_and_a_required_variable_names_the_file()
    {
        var directory = Directory.CreateTempSubdirectory("stacktests-dotenv-").FullName;
        try
        {
            var path = Path.Combine(directory, "compose.yaml");
            File.WriteAllText(Path.Combine(directory, ".env"), "STACKTESTS_TEST_DOTENV_ONLY=from-file\n");
            File.WriteAllText(path, "services:\n  grafana:\n    image: g\n    environment:\n      GF_SECURITY_ADMIN_PASSWORD: ${STACKTESTS_TEST_DOTENV_ONLY:?set it}\n");
            ComposeFile.Load(path).Service("grafana").Environment["GF_SECURITY_ADMIN_PASSWORD"].Should().Be("from-file");

            File.Delete(Path.Combine(directory, ".env"));
            var load = () => ComposeFile.Load(path);
            load.Should().Throw<ComposeFormatException>().WithMessage($"{path}:5: required variable STACKTESTS_TEST_DOTENV_ONLY is missing a value: set it");
        }
        finally { Directory.Delete(directory, recursive: true); }
    }
}
