using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class BindingRegistryTests
{
    private static readonly BindingRegistry Bad = BindingRegistry.Of(typeof(BadBindings));

    [Fact]
    public void A_binding_whose_parameters_do_not_fit_its_expression_is_reported_at_discovery_with_type_and_method()
    {
        Bad.Errors.Should().Contain(e => e.StartsWith("[Given(\"wrong count {int}\")] on StackTests.Tests.Bdd.BadBindings.WrongCount()")
            && e.Contains("the expression has 1 parameter(s) but the method takes 0"));
        Bad.Errors.Should().Contain(e => e.StartsWith("[Given(\"wrong type {int}\")] on StackTests.Tests.Bdd.BadBindings.WrongType(Health health)")
            && e.Contains("parameter 'health' of type Health cannot take {int}"));
    }

    [Fact]
    public void Bad_expressions_return_types_and_hooks_are_reported()
    {
        Bad.Errors.Should().Contain(e => e.Contains("UnknownParameterType") && e.Contains("Undefined parameter type 'nope'"));
        Bad.Errors.Should().Contain(e => e.Contains("Unbalanced") && e.Contains("The '(' does not have a matching ')'"));
        Bad.Errors.Should().Contain(e => e.Contains("ReturnsValue") && e.Contains("returns int; a step returns void, Task or ValueTask"));
        Bad.Errors.Should().Contain(e => e.Contains("NotStatic") && e.Contains("a BeforeTestRun hook must be static"));
        Bad.Errors.Should().HaveCount(6);
        Bad.Steps.Should().BeEmpty();
    }

    [Fact]
    public void A_malformed_expression_is_reported_with_the_binding_and_Cucumbers_message()
    {
        Bad.Errors.Should().Contain("[Given(\"unbalanced (optional\")] on StackTests.Tests.Bdd.BadBindings.Unbalanced(): "
            + "This Cucumber Expression has a problem at column 12:\n\nunbalanced (optional\n           ^\nThe '(' does not have a matching ')'.\n"
            + "If you did not intend to use optional text you can use '\\(' to escape the optional text");
        var check = () => Bad.ThrowIfInvalid();
        check.Should().Throw<BindingException>().Which.Message.Should()
            .Contain("\n  \n  unbalanced (optional\n             ^\n", "every line of a message is indented alike, so the caret stays under the problem");
    }

    [Fact]
    public void ThrowIfInvalid_lists_every_error()
    {
        var check = () => Bad.ThrowIfInvalid();
        check.Should().Throw<BindingException>().WithMessage("6 binding error(s):*WrongCount*NotStatic*");
        BindingRegistry.Of(typeof(RecordingSteps), typeof(RecordingHooks)).Errors.Should().BeEmpty();
    }

    [Fact]
    public void Bindings_are_found_in_an_assembly_by_their_attribute()
    {
        var registry = new BindingRegistry([typeof(RecordingSteps).Assembly]);
        registry.Steps.Should().Contain(s => s.Method.Name == nameof(RecordingSteps.Counter));
        registry.Hooks.Should().Contain(h => h.Kind == HookKind.AfterStep);
    }
}
