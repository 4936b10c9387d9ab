using System.Text.Json;
using StackTests.Lint.Queries;
using StackTests.Models.Queries;

namespace StackTests.Tests.Lint;

/// <summary>
/// The backends' own valid and invalid query cases (QueryCases/, see its README.md) through the
/// query check: the grammars plus the post-parse rules of tools/grammars. Every invalid case the
/// check accepts, and every valid case it rejects, must be listed in QueryCases/known-gaps.json
/// with the reason; a gap closed or a new one opened fails the test until the list says so.
/// </summary>
[Trait("Tier", "integration")]
public sealed class QueryCaseTests(ITestOutputHelper output)
{
    private static string Folder => Path.Combine(TestPaths.Root, "tests", "StackTests.Tests", "Lint", "QueryCases");

    public static TheoryData<string> CaseFiles => new("prometheus-parse_test.json", "loki-parser_test.json", "tempo-test_examples.json");

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Every_case_the_check_gets_wrong_is_a_listed_gap(string file)
    {
        var cases = QueryCaseFile.Read(Path.Combine(Folder, file));
        var gaps = KnownGaps.Read(Path.Combine(Folder, "known-gaps.json"), file);
        cases.Cases.Should().HaveCountGreaterThan(100, $"{file} holds the backend's cases");

        var results = SharedGrammar.Value.Parse(cases.Cases.Select(c => (cases.Language, c.Query)).ToList());
        var acceptedInvalid = cases.Cases.Where((c, i) => c.Expect != "valid" && results[i].Ok).Select(c => c.Query).ToList();
        var rejectedValid = cases.Cases.Where((c, i) => c.Expect == "valid" && !results[i].Ok).Select(c => c.Query).ToList();

        output.WriteLine($"{file}: {cases.Cases.Count} cases ({cases.Cases.Count(c => c.Expect == "valid")} valid); " +
                         $"invalid accepted: {acceptedInvalid.Count}; valid rejected: {rejectedValid.Count}");
        acceptedInvalid.Should().BeEquivalentTo(gaps.AcceptedInvalid,
            $"the invalid cases of {file} the check accepts are exactly the listed gaps (close one: remove it from known-gaps.json)");
        rejectedValid.Should().BeEquivalentTo(gaps.RejectedValid,
            $"the valid cases of {file} the check rejects are exactly the listed ones");
    }

    private sealed record QueryCase(int Line, string Query, string Expect);

    private sealed record QueryCaseFile(QueryLanguage Language, IReadOnlyList<QueryCase> Cases)
    {
        public static QueryCaseFile Read(string path)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var language = Enum.Parse<QueryLanguage>(root.GetProperty("language").GetString()!, ignoreCase: true);
            var cases = root.GetProperty("cases").EnumerateArray()
                .Select(c => new QueryCase(c.GetProperty("line").GetInt32(), c.GetProperty("query").GetString()!, c.GetProperty("expect").GetString()!))
                .ToList();
            return new QueryCaseFile(language, cases);
        }
    }

    private sealed record KnownGaps(IReadOnlyList<string> AcceptedInvalid, IReadOnlyList<string> RejectedValid)
    {
        public static KnownGaps Read(string path, string caseFile)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var entry = doc.RootElement.GetProperty(caseFile);
            static List<string> Queries(JsonElement list) => list.EnumerateArray().Select(g => g.GetProperty("query").GetString()!).ToList();
            return new KnownGaps(Queries(entry.GetProperty("acceptedInvalid")), Queries(entry.GetProperty("rejectedValid")));
        }
    }
}
