using System.Text.Json.Nodes;
using StackTests.Browser;

namespace StackTests.Tests.Browser;

/// <summary>
/// The Explore URL against the shape Grafana 12.4 writes and reads: getExploreUrl in
/// public/app/core/utils/explore.ts (urlUtil.renderUrl('/explore', { panes, schemaVersion: 1 })),
/// the v1 migrator public/app/features/explore/hooks/useStateSync/migrators/v1.ts, and the encoding
/// of @grafana/data 12.4 utils/url.ts.
/// </summary>
public sealed class ExploreUrlTests
{
    private const string LogQL = "{service_name=\"stacktests\", run_id=\"r1\"} |= `order placed run_id=r1 trace_id=0af7`";

    private static (string Path, Dictionary<string, string> Query) Split(string url)
    {
        var parts = url.Split('?', 2);
        return (parts[0], parts[1].Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1])));
    }

    [Fact]
    public void Puts_one_pane_with_the_datasource_query_and_range_under_panes_with_schema_version_1()
    {
        var (path, query) = Split(ExploreUrl.ForLoki("loki", LogQL, "now-15m", "now"));

        path.Should().Be("explore");
        query.Keys.Should().Equal("panes", "schemaVersion");
        query["schemaVersion"].Should().Be("1");
        var panes = JsonNode.Parse(query["panes"])!.AsObject();
        panes.Should().ContainSingle();
        var (id, pane) = (panes.First().Key, panes.First().Value!);
        // v1.ts keeps a pane id only if it is 3 characters of ID_ALPHABET ('0123456789abcdefghijklmnopqrstuvwxyz') and not all digits.
        id.Should().MatchRegex("^[0-9a-z]{3}$").And.NotMatchRegex("^[0-9]+$");
        pane["datasource"]!.GetValue<string>().Should().Be("loki");
        pane["range"]!["from"]!.GetValue<string>().Should().Be("now-15m");
        pane["range"]!["to"]!.GetValue<string>().Should().Be("now");
        var loki = pane["queries"]!.AsArray().Should().ContainSingle().Subject!;
        loki["refId"]!.GetValue<string>().Should().Be("A");
        loki["expr"]!.GetValue<string>().Should().Be(LogQL);
        loki["queryType"]!.GetValue<string>().Should().Be("range");
        loki["datasource"]!["type"]!.GetValue<string>().Should().Be("loki");
        loki["datasource"]!["uid"]!.GetValue<string>().Should().Be("loki");
    }

    [Fact]
    public void Encodes_the_range_as_Grafanas_own_test_expects()
    {
        // public/app/core/utils/explore.test.ts, getExploreUrl "should use raw range in explore url":
        //   expect(await getExploreUrl(args)).toMatch(/from%22:%22now-1h%22,%22to%22:%22now/g);
        ExploreUrl.ForLoki("loki", "{job=\"x\"}", "now-1h", "now").Should().Contain("from%22:%22now-1h%22,%22to%22:%22now");
    }

    [Fact]
    public void Encodes_a_value_as_urlUtil_renderUrl_does()
    {
        // Expected: the output of @grafana/data 12.4.10 dist/esm/utils/url.mjs
        // urlUtil.renderUrl('/explore', { panes: value, schemaVersion: 1 }), run with node.
        const string value = "{job=\"x\"} |= `a b` !'()*~;@$,:/?#[]&+=%";
        ExploreUrl.Encode(value).Should().Be("%7Bjob%3D%22x%22%7D%20%7C%3D%20%60a%20b%60%20%21%27%28%29%2A~;@$,:%2F%3F%23%5B%5D%26%2B%3D%25");
    }
}
