using StackTests.Acceptance.Steps;
using StackTests.Compose;

namespace StackTests.Acceptance;

/// <summary>
/// A scenario's evidence: the services that answered its steps (ServiceCalls, recorded by the
/// clients), each with the version it reports about itself (asked once per run) and what it ran
/// from on this stack (an image built from Debian packages standing in for compose's, a local
/// Debian binary, ...). The Gherkin engine shows it with the result.
/// </summary>
[Binding]
public sealed class ScenarioEvidence(ScenarioContext scenario)
{
    [AfterScenario(Order = 100)]
    public async Task RecordWhatAnswered()
    {
        if (ServiceCalls.Current is not { } calls || !StackSession.IsStarted) return;
        var stack = await StackSession.GetAsync();
        var services = ServicesAt(stack, calls.Addresses.Keys);
        if (services.Count == 0)
        {
            scenario.AddEvidence([$"no service of the {stack.Provider} stack answered during this scenario"]);
            return;
        }
        var lines = new List<string>();
        foreach (var service in services)
            lines.Add($"{service} answered: {await ServiceVersions.OfAsync(service, stack)}; {stack.Origin(service) ?? $"from the {stack.Provider} stack"}");
        scenario.AddEvidence(lines);
    }

    // The services whose named ports (compose.yaml x-stacktests) are at the addresses that answered.
    private static IReadOnlyList<string> ServicesAt(IStack stack, IEnumerable<string> addresses)
    {
        var answered = addresses.ToHashSet(StringComparer.Ordinal);
        var compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
        return stack.RunningServices
            .Where(s => compose.Services.Any(c => c.Name == s))
            .Where(s => compose.Service(s).NamedPorts.Keys.Any(port => answered.Contains(ServiceCalls.AddressOf(EndpointOrNull(stack, s, port)))))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static Uri EndpointOrNull(IStack stack, string service, string port)
    {
        try { return stack.Endpoint(service, port); }
        catch (InvalidOperationException) { return new Uri("none://unreachable:1"); }
    }
}
