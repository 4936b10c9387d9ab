namespace StackTests.Bdd;

/// <summary>Marks a class whose methods are step definitions, hooks or step argument transformations.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BindingAttribute : Attribute;

/// <summary>Which step keywords a step definition binds.</summary>
public enum StepKind { Any, Given, When, Then }

/// <summary>
/// A step definition for any keyword; the base of Given/When/Then. The expression is a Cucumber
/// expression ("there are {int} targets"), or a regular expression when it starts with ^ or ends with $.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public class StepDefinitionAttribute(string expression) : Attribute
{
    public string Expression { get; } = expression;
    public virtual StepKind Kind => StepKind.Any;
}

/// <summary>Binds Given steps (and the And/But steps that follow them).</summary>
public sealed class GivenAttribute(string expression) : StepDefinitionAttribute(expression)
{
    public override StepKind Kind => StepKind.Given;
}

/// <summary>Binds When steps (and the And/But steps that follow them).</summary>
public sealed class WhenAttribute(string expression) : StepDefinitionAttribute(expression)
{
    public override StepKind Kind => StepKind.When;
}

/// <summary>Binds Then steps (and the And/But steps that follow them).</summary>
public sealed class ThenAttribute(string expression) : StepDefinitionAttribute(expression)
{
    public override StepKind Kind => StepKind.Then;
}

/// <summary>
/// A method that turns step text into a value of its return type. Its single parameter is a string
/// (the matched text) or a DataTable. With a name it is also a Cucumber parameter type: {name};
/// the name defaults to the return type's name. The regex says what text it takes (default: any).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class StepArgumentTransformationAttribute(string? regex = null) : Attribute
{
    public string? Regex { get; } = regex;
    public string? Name { get; init; }
}
