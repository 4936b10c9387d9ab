using StackTests.Lint.Queries;
using StackTests.Models.Queries;

namespace StackTests.Tests.Lint;

[Trait("Tier", "integration")]
public sealed class QueryGrammarTests
{
    [Theory]
    [InlineData(QueryLanguage.PromQL, "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))")]
    [InlineData(QueryLanguage.LogQL, "sum(count_over_time({job=\"docker\"} |= \"error\" | logfmt [1m]))")]
    [InlineData(QueryLanguage.TraceQL, "{ resource.service.name = \"api\" && status = error }")]
    public void Accepts_valid_queries(QueryLanguage language, string query) =>
        SharedGrammar.Value.Parse(language, query).Ok.Should().BeTrue();

    [Theory]
    [InlineData(QueryLanguage.PromQL, "rate(x[5m]", 10)]
    [InlineData(QueryLanguage.LogQL, "{job=\"a\" |= \"x\"", 9)]
    [InlineData(QueryLanguage.TraceQL, "{ .a = }", 7)]
    public void Rejects_invalid_queries_at_the_bad_token(QueryLanguage language, string query, int offset)
    {
        var result = SharedGrammar.Value.Parse(language, query);

        result.Ok.Should().BeFalse();
        result.ErrorOffset.Should().Be(offset);
    }

    [Theory]
    [InlineData(QueryLanguage.PromQL, "sum(rate(x_total))", "expected type matrix in call to function \"rate\", got vector")]
    [InlineData(QueryLanguage.PromQL, "topk(x, y)", "expected type scalar in aggregation parameter")]
    [InlineData(QueryLanguage.PromQL, "x offset 1m offset 2m", "offset may not be set multiple times")]
    [InlineData(QueryLanguage.PromQL, "(x + y)[5m]", "ranges only allowed for vector selectors")]
    [InlineData(QueryLanguage.PromQL, "{job=~\".*\"}", "vector selector must contain at least one non-empty matcher")]
    [InlineData(QueryLanguage.LogQL, "count_over_time({job=\"a\"} | json | unwrap x [5m])", "invalid aggregation count_over_time with unwrap")]
    [InlineData(QueryLanguage.LogQL, "sum_over_time({job=\"a\"}[5m])", "invalid aggregation sum_over_time without unwrap")]
    [InlineData(QueryLanguage.LogQL, "topk(count_over_time({job=\"a\"}[5m]))", "parameter required for operation topk")]
    [InlineData(QueryLanguage.LogQL, "{job=\"a\"} + {job=\"b\"}", "unexpected type for left leg of binary operation (+)")]
    [InlineData(QueryLanguage.TraceQL, "{ status }", "span filter field expressions must resolve to a boolean")]
    [InlineData(QueryLanguage.TraceQL, "{ span.http.status_code = 500 && duration > \"1s\" }", "binary operations must operate on the same type")]
    [InlineData(QueryLanguage.TraceQL, "{ status > error }", "illegal operation for the given types")]
    [InlineData(QueryLanguage.TraceQL, "{ span:status = nil }", "intrinsics cannot be nil")]
    public void Rejects_what_the_backend_rejects_after_its_grammar(QueryLanguage language, string query, string message)
    {
        var result = SharedGrammar.Value.Parse(language, query);

        result.Ok.Should().BeFalse($"the grammar accepts '{query}', the backend does not");
        result.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData(QueryLanguage.PromQL, "x - x offset 1d")]
    [InlineData(QueryLanguage.PromQL, "sum by (job)(rate(x_total[5m] offset 1h @ end()))")]
    [InlineData(QueryLanguage.PromQL, "{__name__=\"a\", __name__=\"b\"}")]
    [InlineData(QueryLanguage.LogQL, "quantile_over_time(0.99, {job=\"a\"} | json | unwrap d [5m]) by (job)")]
    [InlineData(QueryLanguage.LogQL, "sum by (job) (count_over_time({job=\"a\"}[5m])) or vector(0)")]
    [InlineData(QueryLanguage.TraceQL, "{ duration > 1s * 2s && .a != nil }")]
    [InlineData(QueryLanguage.TraceQL, "{ (.a = 1) || !.b }")]
    public void Accepts_what_the_backend_accepts(QueryLanguage language, string query) =>
        SharedGrammar.Value.Parse(language, query).Ok.Should().BeTrue();

    [Fact]
    public void Many_queries_go_through_one_batch_in_order()
    {
        var queries = Enumerable.Range(0, 500)
            .Select(i => (QueryLanguage.PromQL, i % 2 == 0 ? $"up{{n=\"{i}\"}}" : $"up{{n=\"{i}\""))
            .ToList();

        var results = SharedGrammar.Value.Parse(queries);

        results.Select(r => r.Ok).Should().Equal(Enumerable.Range(0, 500).Select(i => i % 2 == 0));
    }

    [Fact]
    public void Reports_range_selectors_and_counters_of_PromQL()
    {
        var result = SharedGrammar.Value.Parse(QueryLanguage.PromQL,
            "rate(a_total[5m]) + b_total + max_over_time(c[1m]) + count(d_count) + sum(e_sum)");

        result.Ranges.Select(r => (r.Function, r.Range)).Should().Equal(("rate", "5m"), ("max_over_time", "1m"));
        result.Counters.Select(c => (c.Metric, c.ReadAsCounter)).Should().Equal(
            ("a_total", true), ("b_total", false), ("d_count", true), ("e_sum", false));
    }

    [Fact]
    public void A_range_with_offset_or_at_is_still_the_argument_of_its_function()
    {
        var result = SharedGrammar.Value.Parse(QueryLanguage.PromQL, "rate(a_total[5m] offset 1h @ end())");

        result.Ranges.Select(r => r.Function).Should().Equal("rate");
        result.Counters.Select(c => c.ReadAsCounter).Should().Equal(true);
    }

    [Fact]
    public void Reports_the_metric_names_a_PromQL_query_reads()
    {
        var result = SharedGrammar.Value.Parse(QueryLanguage.PromQL,
            "sum by (job) (rate(a_total{job=\"x\", le=\"b\"}[5m])) or on (job) b_total * 0 + {__name__=\"c\", d=\"e\"} + {\"f.g\"}"
            + " + {__name__=~\"h.*\"} + time() + vector(0) + a_total");

        result.Metrics.Should().Equal(["a_total", "b_total", "c", "f.g"],
            "metric names come from selectors only (not labels, functions or a __name__ regex), each once, in order");
    }

    [Fact]
    public void Missing_npm_packages_get_a_clear_error()
    {
        var empty = Directory.CreateTempSubdirectory("stacktests-grammars-");
        try
        {
            File.WriteAllText(Path.Combine(empty.FullName, "check-queries.mjs"), "");
            var locate = () => QueryGrammar.At(empty.FullName);
            locate.Should().Throw<QueryGrammarUnavailableException>().WithMessage("*run npm ci in tools/grammars*");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
