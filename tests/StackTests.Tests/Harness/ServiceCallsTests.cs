using Flurl.Http.Testing;
using StackTests.Harness;
using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness;

/// <summary>The services that answered one flow of work: what a scenario's evidence names.</summary>
public sealed class ServiceCallsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_s_answered_call_is_recorded_in_the_flow_that_made_it_whatever_its_status()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"status":"success","data":{"resultType":"vector","result":[]}}""");
        http.RespondWith("not ready", 503);
        var calls = await Task.Run(async () =>
        {
            var log = ServiceCalls.Begin();
            await new PrometheusClient(new Uri("http://Prometheus:9090/")).QueryAsync("up", cancellationToken: Token);
            await new AlertmanagerClient(new Uri("http://alertmanager:9093/")).IsReadyAsync(Token);
            return log;
        }, Token);

        calls.Addresses.Should().BeEquivalentTo(new Dictionary<string, string> { ["prometheus:9090"] = "Prometheus", ["alertmanager:9093"] = "Alertmanager" });
    }

    [Fact]
    public async Task Nothing_is_recorded_outside_a_flow_nor_in_one_detached_from_it()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"status":"success","data":{"resultType":"vector","result":[]}}""");
        http.RespondWith("""{"status":"success","data":{"resultType":"vector","result":[]}}""");
        var log = await Task.Run(async () =>
        {
            var log = ServiceCalls.Begin();
            await StartSharedAsync();
            return log;
        }, Token);
        await Task.Run(() => new PrometheusClient(new Uri("http://other:9090/")).QueryAsync("up", cancellationToken: Token), Token);

        log.Addresses.Should().BeEmpty("the detached call belongs to no scenario");

        static async Task StartSharedAsync()
        {
            ServiceCalls.Detach();
            await new PrometheusClient(new Uri("http://shared:9090/")).QueryAsync("up");
        }
    }

    [Fact]
    public void An_address_is_host_and_port_whatever_the_scheme()
    {
        ServiceCalls.AddressOf(new Uri("mqtt://127.0.3.12:1883")).Should().Be("127.0.3.12:1883");
        ServiceCalls.AddressOf(new Uri("http://Grafana/")).Should().Be("grafana:80");
    }
}
