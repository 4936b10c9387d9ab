namespace StackTests.Bdd;

/// <summary>When a hook runs.</summary>
public enum HookKind { BeforeTestRun, AfterTestRun, BeforeFeature, AfterFeature, BeforeScenario, AfterScenario, BeforeStep, AfterStep }

/// <summary>
/// A hook: lower Order runs first (default 10000, as in Reqnroll). Tags limit it to scenarios
/// (or features) matching any of them; each is a tag or a tag expression ("@a and not @b").
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class HookAttribute(HookKind kind, string[] tags) : Attribute
{
    public const int DefaultOrder = 10000;

    public HookKind Kind { get; } = kind;
    public IReadOnlyList<string> Tags { get; } = tags;
    public int Order { get; init; } = DefaultOrder;
}

/// <summary>Runs once before the first scenario of the test run (static method, no parameters).</summary>
public sealed class BeforeTestRunAttribute() : HookAttribute(HookKind.BeforeTestRun, []);

/// <summary>Runs once after the last scenario of the test run, also when scenarios failed (static method).</summary>
public sealed class AfterTestRunAttribute() : HookAttribute(HookKind.AfterTestRun, []);

/// <summary>Runs before the first scenario of each feature (static method; may take a FeatureContext).</summary>
public sealed class BeforeFeatureAttribute(params string[] tags) : HookAttribute(HookKind.BeforeFeature, tags);

/// <summary>Runs after the last scenario of each feature (static method; may take a FeatureContext).</summary>
public sealed class AfterFeatureAttribute(params string[] tags) : HookAttribute(HookKind.AfterFeature, tags);

/// <summary>Runs before each scenario; instance hooks and parameters are injected per scenario.</summary>
public sealed class BeforeScenarioAttribute(params string[] tags) : HookAttribute(HookKind.BeforeScenario, tags);

/// <summary>Runs after each scenario, whatever its outcome; ScenarioContext.Error holds a failure.</summary>
public sealed class AfterScenarioAttribute(params string[] tags) : HookAttribute(HookKind.AfterScenario, tags);

/// <summary>Runs before each step of a scenario.</summary>
public sealed class BeforeStepAttribute(params string[] tags) : HookAttribute(HookKind.BeforeStep, tags);

/// <summary>Runs after each step that ran, also when it failed.</summary>
public sealed class AfterStepAttribute(params string[] tags) : HookAttribute(HookKind.AfterStep, tags);
