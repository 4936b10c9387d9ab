using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness.Clients;

public sealed class ApiCallTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_component_that_accepts_but_never_answers_fails_within_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var client = new PrometheusClient(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        var query = () => client.QueryAsync("up", Token);
        var error = (await query.Should().ThrowAsync<ApiException>()).Which;
        error.Message.Should().Be($"Prometheus GET /api/v1/query did not answer within 0.2s (http://127.0.0.1:{port})");
        error.Status.Should().BeNull();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Grafana_refuses_credentials_in_its_url()
    {
        var create = () => new GrafanaClient(new Uri("http://admin:hunter2@grafana:3000/"));
        create.Should().Throw<ArgumentException>().Which.Message.Should().NotContain("hunter2");
    }
}
