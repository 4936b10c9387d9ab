using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackTests.Browser;

/// <summary>
/// Grafana's Explore URL, schema version 1, as Grafana 12.4 writes it:
/// <c>explore?panes={"&lt;pane id&gt;":{"datasource":uid,"queries":[...],"range":{"from","to"}}}&amp;schemaVersion=1</c>
/// (public/app/core/utils/explore.ts getExploreUrl; parsed by
/// public/app/features/explore/hooks/useStateSync/migrators/v1.ts). The parameters are encoded as
/// @grafana/data 12.4 urlUtil.renderUrl encodes them (encodeURIComponentAsAngularJS: ':' ',' ';' '@' '$' stay).
/// </summary>
public static class ExploreUrl
{
    /// <summary>
    /// A pane id v1.ts keeps: three characters of ID_ALPHABET (0-9, a-z), not all digits; it
    /// replaces any other id with a random one.
    /// </summary>
    public const string PaneId = "stk";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Explore on a Loki datasource with a LogQL range query, in code mode (the query builder may not represent every query).</summary>
    public static string ForLoki(string datasourceUid, string logql, string from, string to) =>
        For(datasourceUid, new JsonObject
        {
            ["refId"] = "A",
            ["expr"] = logql,
            ["queryType"] = "range",
            ["editorMode"] = "code",
            ["datasource"] = new JsonObject { ["type"] = "loki", ["uid"] = datasourceUid },
        }, from, to);

    /// <summary>The path (relative to Grafana's base URL) of Explore with one pane running one query.</summary>
    public static string For(string datasourceUid, JsonObject query, string from, string to)
    {
        var panes = new JsonObject
        {
            [PaneId] = new JsonObject
            {
                ["datasource"] = datasourceUid,
                ["queries"] = new JsonArray(query.DeepClone()),
                ["range"] = new JsonObject { ["from"] = from, ["to"] = to },
            },
        };
        return $"explore?panes={Encode(panes.ToJsonString(Json))}&schemaVersion=1";
    }

    /// <summary>encodeURIComponentAsAngularJS(value, pctEncodeSpaces: true) of @grafana/data utils/url.ts.</summary>
    public static string Encode(string value) =>
        // Uri.EscapeDataString leaves only RFC 3986 unreserved characters, as encodeURIComponent
        // followed by Grafana's escaping of !'()* does.
        Uri.EscapeDataString(value)
            .Replace("%40", "@").Replace("%3A", ":").Replace("%24", "$").Replace("%2C", ",").Replace("%3B", ";");
}
