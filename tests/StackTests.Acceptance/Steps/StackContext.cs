using StackTests.Harness;
using StackTests.Harness.Clients;

namespace StackTests.Acceptance.Steps;

/// <summary>What the steps of one scenario share: the stack and the clients onto it.</summary>
public sealed class StackContext
{
    private IStack? _stack;

    public IStack Stack
    {
        get => _stack ?? throw new InvalidOperationException("no stack yet: start the scenario with 'Given the stack is running'");
        set => _stack = value;
    }

    public PrometheusClient Prometheus => new(Stack.Endpoint("prometheus", 9090));
}
