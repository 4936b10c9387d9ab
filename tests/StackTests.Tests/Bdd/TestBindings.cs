using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public enum Health { Ready, NotReady }

public sealed record Color(string Name);

public sealed record Service(string Name, int Port, TimeSpan Timeout);

/// <summary>Steps that report what they received on the scenario output, one line each.</summary>
[Binding]
public sealed class RecordingSteps(ScenarioContext context, Journal journal)
{
    [Given("a counter of {int}")]
    public void Counter(int value) => context.Output.WriteLine($"counter {value}");

    [Given("a name {string}")]
    public void Name(string name) => context.Output.WriteLine($"name {name}");

    [When("{word} waits {}")]
    public void Waits(string who, TimeSpan duration) => context.Output.WriteLine($"{who} waits {duration}");

    [Then("the service is {word}")]
    public void ServiceIs(Health health) => context.Output.WriteLine($"health {health}");

    [Given("the {color} light")]
    public void Light(Color color) => context.Output.WriteLine($"light {color.Name}");

    [Given("these services:")]
    public void Services(List<Service> services) =>
        context.Output.WriteLine("services " + string.Join(", ", services.Select(s => $"{s.Name}:{s.Port}:{s.Timeout}")));

    [Given("this table:")]
    public void Table(DataTable table) => context.Output.WriteLine($"table {table.RowCount}x{table.Header.Count}");

    [Given("this document:")]
    public void Document(DocString document) => context.Output.WriteLine($"doc {document.MediaType}: {document.Content}");

    [Given("this text:")]
    public void Text(string text) => context.Output.WriteLine($"text {text}");

    [When(@"^a regex with (\d+) and (\w+)$")]
    public void Regex(long number, string word) => context.Output.WriteLine($"regex {number} {word}");

    [When("an async step")]
    public async Task Async()
    {
        await Task.Yield();
        context.Output.WriteLine("async done");
    }

    [When("a value task step")]
    public async ValueTask ValueTaskStep()
    {
        await Task.Yield();
        context.Output.WriteLine("value task done");
    }

    [StepDefinition("any keyword binds this")]
    public void AnyKeyword() => context.Output.WriteLine("any");

    [Given("a step that fails")]
    public void Fails() => throw new InvalidOperationException("boom");

    [Given("a step that skips the scenario")]
    public void Skips() => context.Skip("needs loki: not available");

    [Given("the journal is used")]
    public void UsesJournal() => journal.Entries.Add("used");

    [Given("an attachment")]
    public void Attach()
    {
        context.Attach("query", "up{job=\"x\"}");
        context.Attach("image", "image/png", [1, 2, 3]);
    }

    [Given("evidence {string}")]
    public void Evidence(string line) => context.AddEvidence([line]);

    [Given("{string} took {int} ms")]
    public void Took(string what, int milliseconds) => context.AttachDuration(what, TimeSpan.FromMilliseconds(milliseconds));

    [StepArgumentTransformation("red|green|blue", Name = "color")]
    public static Color ToColor(string name) => new(name);
}

/// <summary>A per-scenario object: injected into steps and hooks, disposed when the scenario ends.</summary>
public sealed class Journal(ScenarioContext context) : IDisposable
{
    public List<string> Entries { get; } = [];

    public void Dispose() => context.Output.WriteLine($"journal disposed with {Entries.Count} entries");
}

/// <summary>Hooks that report when they run.</summary>
[Binding]
public sealed class RecordingHooks(ScenarioContext context)
{
    [BeforeScenario(Order = 2)]
    public void Second() => context.Output.WriteLine("before scenario 2");

    [BeforeScenario(Order = 1)]
    public void First() => context.Output.WriteLine("before scenario 1");

    [BeforeScenario("@loki")]
    public void OnlyForLoki() => context.Output.WriteLine("before loki scenario");

    [BeforeScenario("@a and not @b")]
    public void OnlyForAButNotB() => context.Output.WriteLine("before a-not-b scenario");

    [BeforeStep]
    public void BeforeStep() => context.Output.WriteLine($"before step {context.CurrentStep?.Text}");

    [AfterStep]
    public void AfterStep() => context.Output.WriteLine($"after step {context.CurrentStep?.Text}");

    [AfterScenario]
    public void After(Journal journal) =>
        context.Output.WriteLine($"after scenario, error: {context.Error?.Message ?? "none"}, journal: {journal.Entries.Count}");
}

/// <summary>A second binding for a text RecordingSteps binds too.</summary>
[Binding]
public sealed class DuplicateSteps
{
    [Given("a counter of {int}")]
    public void AlsoCounter(int value) { }
}

/// <summary>A BeforeScenario hook that fails.</summary>
[Binding]
public sealed class FailingHook
{
    [BeforeScenario]
    public void Fail() => throw new InvalidOperationException("hook broke");
}

/// <summary>Bindings that cannot be used, each for another reason.</summary>
[Binding]
public sealed class BadBindings
{
    [Given("wrong count {int}")]
    public void WrongCount() { }

    [Given("wrong type {int}")]
    public void WrongType(Health health) { }

    [Given("bad expression {nope}")]
    public void UnknownParameterType(string value) { }

    [Given("unbalanced (optional")]
    public void Unbalanced() { }

    [Given("returns a value")]
    public int ReturnsValue() => 1;

    [BeforeTestRun]
    public void NotStatic() { }
}

/// <summary>Test run and feature hooks (static), recording the order they ran in; used by one test only.</summary>
[Binding]
public sealed class LifecycleHooks
{
    public static List<string> Calls { get; } = [];

    [BeforeTestRun]
    public static void BeforeTestRun() => Calls.Add("before test run");

    [AfterTestRun]
    public static void AfterTestRun() => Calls.Add("after test run");

    [BeforeFeature]
    public static void BeforeFeature(FeatureContext feature) => Calls.Add($"before feature {feature.Title}");

    [AfterFeature("@second", Order = 1)]
    public static async Task AfterSecondFeature(FeatureContext feature)
    {
        await Task.Yield();
        Calls.Add($"after feature {feature.Title}");
    }

    [AfterFeature]
    public static void AfterFeature(FeatureContext feature) => Calls.Add($"after feature {feature.Title} (any)");

    [Given("a lifecycle step")]
    public void Step() => Calls.Add("step");
}

/// <summary>A table transformation: the step asks for the type, the transformation makes it from the table.</summary>
[Binding]
public sealed class TableTransformationSteps(ScenarioContext context)
{
    public sealed record Ports(IReadOnlyList<int> Values);

    [StepArgumentTransformation]
    public static Ports ToPorts(DataTable table) => new(table.Rows.Select(r => int.Parse(r["port"])).ToList());

    [Given("the ports")]
    public void ThePorts(Ports ports) => context.Output.WriteLine("ports " + string.Join(",", ports.Values));
}
