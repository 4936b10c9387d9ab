namespace StackTests.Bdd;

/// <summary>Marks a class whose methods are step definitions or hooks.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BindingAttribute : Attribute;

/// <summary>A step definition matching any keyword; the base of Given/When/Then.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public class StepDefinitionAttribute(string expression) : Attribute
{
    public string Expression { get; } = expression;
}

public sealed class GivenAttribute(string expression) : StepDefinitionAttribute(expression);
public sealed class WhenAttribute(string expression) : StepDefinitionAttribute(expression);
public sealed class ThenAttribute(string expression) : StepDefinitionAttribute(expression);

/// <summary>Runs once before the first scenario of the test run (static method).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BeforeTestRunAttribute : Attribute;

/// <summary>Runs once after the last scenario of the test run (static method), also when scenarios failed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AfterTestRunAttribute : Attribute;
