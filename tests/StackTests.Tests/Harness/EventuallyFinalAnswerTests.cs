using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackTests.Harness;
using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness;

/// <summary>An answer that asking again cannot change ends a wait at once, with the answer and the query.</summary>
public sealed class EventuallyFinalAnswerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    // Long enough that a wait that polled on would take visibly longer than one that stopped.
    private static readonly EventuallyOptions Long = new(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10));
    private static readonly EventuallyOptions Quick = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(10));

    [Theory]
    [InlineData(400, "GET /api/v1/query", "bad_data: 1:5: parse error: unexpected identifier \"by\"")]
    [InlineData(401, "GET /api/dashboards/uid/stack-health", "invalid username or password")]
    [InlineData(403, "POST /api/ds/query", "access denied to data source")]
    [InlineData(404, "GET /loki/api/v1/query_range", "404 page not found")]
    [InlineData(404, "GET /api/search", "404 page not found")]
    public async Task Stops_at_the_first_such_answer_and_reports_its_body_and_the_query(int status, string endpoint, string body)
    {
        var calls = 0;
        var clock = Stopwatch.StartNew();
        var wait = () => Eventually.UntilAsync<int>("the series of this run", "rate(up[1m] by job)", _ =>
        {
            calls++;
            throw new ApiException("Prometheus", endpoint, status, $"Prometheus {endpoint} answered {status}: {body}");
        }, _ => true, Long, cancellationToken: Token);

        var failure = (await wait.Should().ThrowAsync<PollingAbortedException>()).Which;

        calls.Should().Be(1);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the wait stops at once, not after its 20 s time-out");
        failure.Message.Should().Contain("waiting for the series of this run").And.Contain($"answered {status}, which waiting cannot change")
            .And.Contain("query: rate(up[1m] by job)").And.Contain(body);
        failure.InnerException.Should().BeOfType<ApiException>();
    }

    [Theory]
    [InlineData(503, "GET /api/v1/query")]
    [InlineData(500, "GET /loki/api/v1/query_range")]
    [InlineData(404, "GET /api/dashboards/uid/stack-health")]
    [InlineData(null, "GET /api/v1/query")]
    public async Task Answers_that_can_change_are_polled_until_the_time_out(int? status, string endpoint)
    {
        var calls = 0;
        var wait = () => Eventually.UntilAsync<int>("an answer", "up", _ =>
        {
            calls++;
            throw new ApiException("Prometheus", endpoint, status, $"Prometheus {endpoint} answered {status}");
        }, _ => true, Quick, cancellationToken: Token);

        (await wait.Should().ThrowAsync<EventuallyTimeoutException>()).Which.Message.Should().Contain($"Prometheus {endpoint} answered {status}");
        calls.Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task A_wait_that_got_a_changeable_error_first_still_stops_at_a_final_one()
    {
        var calls = 0;
        var wait = () => Eventually.UntilAsync<int>("an answer", "up", _ => ++calls < 3
            ? throw new ApiException("Loki", "GET /loki/api/v1/query_range", 503, "Loki answered 503: empty ring")
            : throw new ApiException("Loki", "GET /loki/api/v1/query_range", 400, "Loki answered 400: parse error at line 1, col 5"),
            _ => true, Long, cancellationToken: Token);

        (await wait.Should().ThrowAsync<PollingAbortedException>()).Which.Message.Should().Contain("(3 attempts)").And.Contain("parse error at line 1, col 5");
        calls.Should().Be(3);
    }

    [Theory]
    [InlineData("GET /api/v1/query", true)]
    [InlineData("GET /api/v1/query_range", true)]
    [InlineData("GET /api/v1/label/job/values", true)]
    [InlineData("GET /loki/api/v1/series", true)]
    [InlineData("GET /api/v2/search/tags", true)]
    [InlineData("POST /api/ds/query", true)]
    [InlineData("GET /api/traces/0af7651916cd43dd8448eb211c80319c", false)]
    [InlineData("GET /api/dashboards/uid/stack-health", false)]
    [InlineData("GET /-/ready", false)]
    public void Query_endpoints(string endpoint, bool query) => ApiException.IsQueryEndpoint(endpoint).Should().Be(query);

    // The whole path: a real HTTP answer, read by the client, ends the wait.
    [Fact]
    public async Task Prometheus_rejecting_a_query_ends_the_wait_with_its_error_text()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        const string error = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:9: parse error: unexpected \\\"by\\\"\"}";
        var answering = AnswerEveryRequestAsync(server, "400 Bad Request", error);
        var client = new PrometheusClient(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();

        var wait = () => Eventually.UntilAsync("a sample", "sum(up) by", token => client.QueryAsync("sum(up) by", token), s => s.Count > 0, Long,
            cancellationToken: Token);

        var failure = (await wait.Should().ThrowAsync<PollingAbortedException>()).Which;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        failure.Message.Should().Contain("Prometheus answered 400").And.Contain("query: sum(up) by").And.Contain("parse error: unexpected");
        server.Stop();
        await answering;
    }

    private static async Task AnswerEveryRequestAsync(TcpListener server, string status, string body)
    {
        try
        {
            while (true)
            {
                using var connection = await server.AcceptTcpClientAsync(Token);
                var stream = connection.GetStream();
                var buffer = new byte[8192];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, Token);
                    if (read == 0) break;
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var payload = Encoding.UTF8.GetBytes(body);
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, Token);
                await stream.WriteAsync(payload, Token);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException) { }
    }
}
