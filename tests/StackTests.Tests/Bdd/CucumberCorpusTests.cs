using CucumberExpressions;
using CucumberExpressions.Ast;
using CucumberExpressions.Parsing;
using StackTests.Bdd;
using CucumberExpression = StackTests.Bdd.CucumberExpression;
using StackTests.Settings;
using YamlDotNet.RepresentationModel;

namespace StackTests.Tests.Bdd;

/// <summary>
/// Cucumber's own acceptance cases for Cucumber expressions (the testdata of cucumber/cucumber-expressions,
/// MIT licence), one case per YAML file, read from shared/corpus beside the repository. Matching and
/// transformation run against this engine's expressions; the parser and tokenizer cases check
/// Cucumber.CucumberExpressions' own parser and tokenizer, which the engine uses unchanged. Every case must pass.
/// </summary>
public sealed class CucumberCorpusTests
{
    private const string Absent = "(corpus absent)";
    private static readonly string CorpusFolder = Path.Combine("shared", "corpus", "cucumber-expressions", "testdata");
    private static readonly string? Corpus = RepositoryRoot.Find() is { } root ? Path.GetFullPath(Path.Combine(root, "..", CorpusFolder)) : null;
    private static readonly ParameterTypeRegistry Types = new();

    public static TheoryData<string> Matching => Cases("cucumber-expression/matching", "regular-expression/matching");
    public static TheoryData<string> Transformation => Cases("cucumber-expression/transformation");
    public static TheoryData<string> Parser => Cases("cucumber-expression/parser");
    public static TheoryData<string> Tokenizer => Cases("cucumber-expression/tokenizer");

    [Theory]
    [MemberData(nameof(Matching))]
    public void An_expression_matches_text_with_Cucumbers_arguments_or_fails_with_its_message(string file) => Run(file, yaml =>
    {
        var create = () => Expression(file, Text(yaml, "expression")!);
        if (Text(yaml, "exception") is { } exception)
        {
            create.Should().Throw<BindingException>().Which.Message.Should().StartWith(exception);
            return;
        }
        var arguments = create().Match(Text(yaml, "text")!);
        if (yaml.Children[new YamlScalarNode("expected_args")] is not YamlSequenceNode expected)
        {
            arguments.Should().BeNull();
            return;
        }
        arguments.Should().NotBeNull();
        var types = arguments!.Select(a => a.Type).ToList();
        arguments.Select(a => Typed(a.Value, a.Type)).Should()
            .Equal(expected.Children.Select((node, i) => Typed(Value(node), i < types.Count ? types[i] : null)));
    });

    [Theory]
    [MemberData(nameof(Transformation))]
    public void An_expression_becomes_Cucumbers_regex(string file) => Run(file, yaml =>
        new CucumberExpression(Text(yaml, "expression")!, Types).Regex.ToString().Should().Be(Text(yaml, "expected_regex")));

    [Theory]
    [MemberData(nameof(Parser))]
    public void The_parser_gives_Cucumbers_syntax_tree_or_message(string file) => Run(file, yaml =>
    {
        var parse = () => new CucumberExpressionParser().Parse(Text(yaml, "expression")!);
        FailsWithItsMessageOr(yaml, parse, () =>
            Describe(parse()).Should().Be(Describe((YamlMappingNode)yaml.Children[new YamlScalarNode("expected_ast")])));
    });

    [Theory]
    [MemberData(nameof(Tokenizer))]
    public void The_tokenizer_gives_Cucumbers_tokens_or_message(string file) => Run(file, yaml =>
    {
        var tokenize = () => new CucumberExpressionTokenizer().Tokenize(Text(yaml, "expression")!);
        FailsWithItsMessageOr(yaml, tokenize, () =>
            tokenize().Select(t => Describe(t.Type, t.Start, t.End, t.Text)).Should().Equal(
                ((YamlSequenceNode)yaml.Children[new YamlScalarNode("expected_tokens")]).Children.Cast<YamlMappingNode>()
                .Select(t => Describe(Text(t, "type"), Text(t, "start"), Text(t, "end"), Text(t, "text") ?? ""))));
    });

    // A case with an exception expects exactly Cucumber's message; any other, what check compares.
    private static void FailsWithItsMessageOr(YamlMappingNode yaml, Func<object> run, Action check)
    {
        if (Text(yaml, "exception") is { } exception)
            run.Should().Throw<CucumberExpressionException>().Which.Message.Should().Be(exception);
        else check();
    }

    private static void Run(string file, Action<YamlMappingNode> check) => check(Load(file));

    // The cases of cucumber-expression/ are Cucumber expressions whatever they start with; those of regular-expression/ start with ^.
    private static StepExpression Expression(string file, string source) =>
        file.StartsWith("cucumber-expression/", StringComparison.Ordinal) ? new CucumberExpression(source, Types) : StepExpression.Create(source, Types);

    private static TheoryData<string> Cases(params string[] folders)
    {
        var files = Corpus is null ? [] : folders.Select(f => Path.Combine(Corpus, f)).Where(Directory.Exists)
            .SelectMany(f => Directory.GetFiles(f, "*.yaml"))
            .Select(f => Path.GetRelativePath(Corpus, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        return new TheoryData<string>(files.Count > 0 ? files : [Absent]);
    }

    private static YamlMappingNode Load(string file)
    {
        if (file == Absent)
            Assert.Skip($"Cucumber's expression test cases are not at {Corpus ?? Path.Combine("..", CorpusFolder)} (shared/corpus beside the repository)");

        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Corpus!, file));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Text(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? Value(node) : null;

    // A plain empty, ~ or null scalar is YAML's null; a quoted '' is the empty string.
    private static string? Value(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" } ? null : ((YamlScalarNode)node).Value;

    // Numbers compare as the parameter type's values ("1500.0" is "+1.5E+3"), converted by the engine's own converter.
    private static object? Typed(string? text, ParameterType? type) =>
        text is null || type is null || type.Type == typeof(string) || type.Type == typeof(object)
            ? text
            : ArgumentConverter.BuiltIn.ConvertText(text, type.Type, _ => throw new InvalidOperationException("no injection"));

    private static string Describe(object? type, object? start, object? end, string? text) => $"{type} [{start}, {end}) '{text}'";

    private static string Describe(Node node) =>
        Describe(node.Type, node.Start, node.End, node.Token) + (node.Nodes is null ? "" : $" ({string.Join(", ", node.Nodes.Select(Describe))})");

    private static string Describe(YamlMappingNode node) =>
        Describe(Text(node, "type"), Text(node, "start"), Text(node, "end"), Text(node, "token"))
        + (node.Children.TryGetValue(new YamlScalarNode("nodes"), out var nodes)
            ? $" ({string.Join(", ", ((YamlSequenceNode)nodes).Children.Cast<YamlMappingNode>().Select(Describe))})"
            : "");
}
