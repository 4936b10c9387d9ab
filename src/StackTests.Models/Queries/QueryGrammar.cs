using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using StackTests.Settings;

namespace StackTests.Models.Queries;

/// <summary>
/// Checks the syntax of PromQL, LogQL and TraceQL queries with the grammars Prometheus and
/// Grafana ship (tools/grammars). All queries of a call go to ONE node process, so a run
/// pays node's start-up once.
/// </summary>
public sealed class QueryGrammar
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder;

    private QueryGrammar(string folder) => _folder = folder;

    /// <summary>The grammars of STACKTESTS_GRAMMARS_DIR, else of tools/grammars in the repository root.</summary>
    public static QueryGrammar Locate() =>
        At(SuiteSettings.Current.GrammarsFolder ?? throw new QueryGrammarUnavailableException(
            "cannot find tools/grammars: run from inside the StackTests repository or set STACKTESTS_GRAMMARS_DIR"));

    /// <summary>The grammars installed in this folder (tools/grammars); a clear error when they are not.</summary>
    public static QueryGrammar At(string folder)
    {
        if (!File.Exists(Path.Combine(folder, "check-queries.mjs")))
            throw new QueryGrammarUnavailableException($"{folder}/check-queries.mjs is missing");
        foreach (var package in new[] { "@prometheus-io/lezer-promql", "@grafana/lezer-logql", "@grafana/lezer-traceql" })
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", package)))
                throw new QueryGrammarUnavailableException(
                    $"the npm package {package} is not installed in {folder}: run npm ci in tools/grammars (npm ci --prefix tools/grammars)");
        }
        return new QueryGrammar(folder);
    }

    // A query's parse depends on nothing but its language and text: parsed once per process, so
    // repeated lints (the config tier lints many copies of one stack) start node only for new queries.
    private static readonly ConcurrentDictionary<(QueryLanguage, string), QueryParseResult> Parsed = new();

    public IReadOnlyList<QueryParseResult> Parse(IReadOnlyList<(QueryLanguage Language, string Query)> queries)
    {
        var unparsed = queries.Where(q => !Parsed.ContainsKey(q)).Distinct().ToList();
        var results = ParseWithNode(unparsed);
        for (var i = 0; i < unparsed.Count; i++) Parsed[unparsed[i]] = results[i];
        return queries.Select(q => Parsed[q]).ToList();
    }

    private IReadOnlyList<QueryParseResult> ParseWithNode(IReadOnlyList<(QueryLanguage Language, string Query)> queries)
    {
        if (queries.Count == 0) return [];
        var input = new StringBuilder();
        for (var i = 0; i < queries.Count; i++)
        {
            input.Append(JsonSerializer.Serialize(new
            {
                id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                language = queries[i].Language.ToString().ToLowerInvariant(),
                query = queries[i].Query,
            }));
            input.Append('\n');
        }
        var output = RunNode(input.ToString());
        var results = new QueryParseResult?[queries.Count];
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var answer = doc.RootElement;
            if (!int.TryParse(answer.GetProperty("id").GetString(), out var id) || id < 0 || id >= results.Length)
                throw new InvalidOperationException($"tools/grammars/check-queries.mjs answered an unknown id: {line}");
            results[id] = ToResult(answer);
        }
        var missing = Array.FindIndex(results, r => r is null);
        if (missing >= 0)
            throw new InvalidOperationException($"tools/grammars/check-queries.mjs gave no answer for query {missing}: {queries[missing].Query}");
        return results!;
    }

    public QueryParseResult Parse(QueryLanguage language, string query) => Parse([(language, query)])[0];

    private static QueryParseResult ToResult(JsonElement answer)
    {
        if (!answer.GetProperty("ok").GetBoolean())
            return new QueryParseResult(false, answer.GetProperty("offset").GetInt32(), answer.GetProperty("message").GetString(), [], []);
        var ranges = answer.TryGetProperty("ranges", out var r)
            ? r.EnumerateArray().Select(x => new RangeSelector(
                x.GetProperty("offset").GetInt32(),
                x.GetProperty("range").GetString() ?? "",
                x.GetProperty("function").ValueKind == JsonValueKind.String ? x.GetProperty("function").GetString() : null)).ToList()
            : [];
        var counters = answer.TryGetProperty("counters", out var c)
            ? c.EnumerateArray().Select(x => new CounterSelector(
                x.GetProperty("offset").GetInt32(),
                x.GetProperty("metric").GetString() ?? "",
                x.GetProperty("function").ValueKind == JsonValueKind.String ? x.GetProperty("function").GetString() : null,
                x.GetProperty("ranged").GetBoolean())).ToList()
            : [];
        var metrics = answer.TryGetProperty("metrics", out var m)
            ? m.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
            : [];
        return new QueryParseResult(true, 0, null, ranges, counters) { Metrics = metrics };
    }

    private string RunNode(string input)
    {
        var start = new ProcessStartInfo("node", ["check-queries.mjs"])
        {
            WorkingDirectory = _folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new QueryGrammarUnavailableException($"cannot start node ({e.Message}): install Node.js 20 or later and run npm ci in tools/grammars");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node tools/grammars/check-queries.mjs did not finish within {Timeout.TotalSeconds:0} s");
            }
            if (process.ExitCode != 0)
                throw new QueryGrammarUnavailableException(
                    $"node tools/grammars/check-queries.mjs failed (exit {process.ExitCode}): {stderr.Result.Trim()} (run npm ci in tools/grammars)");
            return stdout.Result;
        }
    }
}
