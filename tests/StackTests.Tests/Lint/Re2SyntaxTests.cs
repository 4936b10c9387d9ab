using StackTests.Lint;

namespace StackTests.Tests.Lint;

/// <summary>
/// RE2's acceptance, on RE2's own syntax page (https://github.com/google/re2/wiki/Syntax, the
/// "NOT SUPPORTED" entries) and Go's regexp/syntax parse_test.go invalidRegexps (Go's regexp is
/// the RE2 dialect Prometheus, Loki and Alloy compile with), plus the expressions this stack uses.
/// </summary>
public sealed class Re2SyntaxTests
{
    [Theory]
    [InlineData("/?(.*)")]
    [InlineData("(?i)trace_?id\"?[=:]\\s*\"?(?P<trace_id>[0-9a-f]{16,32})")]
    [InlineData("(?i)\\berror\\b")]
    [InlineData("(?<name>x)")]
    [InlineData("(?i:abc)|(?-s:.)|(?U)a*")]
    [InlineData("a{,5}")] // not a repeat: literal text
    [InlineData("${job}|[[var]]|$var")] // Grafana variables left in a string
    [InlineData("\\pL\\p{Greek}\\PN[[:alpha:]][^\\d\\s]")]
    [InlineData("x*?y+?z??w{2}?")]
    [InlineData("\\Qa.b*\\E\\x41\\x{10FFFF}\\101\\0\\A\\z")]
    [InlineData("[]a][^]b][a-]")]
    [InlineData("x{1000}")]
    public void Accepts_what_RE2_accepts(string pattern) =>
        Re2Syntax.Problem(pattern).Should().BeNull();

    [Theory]
    // Go regexp/syntax parse_test.go, invalidRegexps
    [InlineData("(")]
    [InlineData(")")]
    [InlineData("(a")]
    [InlineData("a)")]
    [InlineData("(a))")]
    [InlineData("(a|b|")]
    [InlineData("[a-z")]
    [InlineData("([a-z)")]
    [InlineData("x{1001}")]
    [InlineData("x{2,1}")]
    [InlineData("x{1,9876543210}")]
    [InlineData("a**")]
    [InlineData("a*+")]
    [InlineData("(?P<x y>a)")]
    [InlineData("(?P<>a)")]
    [InlineData("[a-Z]")]
    [InlineData("\\8")]
    // RE2 syntax page, NOT SUPPORTED
    [InlineData("a(?=b)")]
    [InlineData("a(?!b)")]
    [InlineData("(?<=a)b")]
    [InlineData("(?<!a)b")]
    [InlineData("(?>ab)")]
    [InlineData("(a)\\1")]
    [InlineData("(?<n>a)\\k<n>")]
    [InlineData("a++")]
    [InlineData("a{2}+")]
    [InlineData("abc\\Z")]
    [InlineData("\\Gabc")]
    [InlineData("(?#comment)a")]
    [InlineData("(?(1)a|b)")]
    [InlineData("(?x)a b")]
    [InlineData("\\e")]
    [InlineData("*a")]
    public void Rejects_what_RE2_rejects(string pattern) =>
        Re2Syntax.Problem(pattern).Should().NotBeNull($"RE2 refuses /{pattern}/");
}
