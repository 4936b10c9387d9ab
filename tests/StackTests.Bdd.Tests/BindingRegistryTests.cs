using StackTests.Bdd;

namespace StackTests.Bdd.Tests;

public sealed class BindingRegistryTests
{
    private static readonly BindingRegistry Bad = BindingRegistry.Of(typeof(BadBindings));

    [Fact]
    public void A_binding_whose_parameters_do_not_fit_its_expression_is_reported_at_discovery_with_type_and_method()
    {
        Bad.Errors.Should().Contain(e => e.StartsWith("[Given(\"wrong count {int}\")] on StackTests.Bdd.Tests.BadBindings.WrongCount()")
            && e.Contains("the expression has 1 parameter(s) but the method takes 0"));
        Bad.Errors.Should().Contain(e => e.StartsWith("[Given(\"wrong type {int}\")] on StackTests.Bdd.Tests.BadBindings.WrongType(Health health)")
            && e.Contains("parameter 'health' of type Health cannot take {int}"));
    }

    [Fact]
    public void Bad_expressions_return_types_and_hooks_are_reported()
    {
        Bad.Errors.Should().Contain(e => e.Contains("UnknownParameterType") && e.Contains("undefined parameter type {nope}"));
        Bad.Errors.Should().Contain(e => e.Contains("Unbalanced") && e.Contains("is not closed with ')'"));
        Bad.Errors.Should().Contain(e => e.Contains("ReturnsValue") && e.Contains("returns int; a step returns void, Task or ValueTask"));
        Bad.Errors.Should().Contain(e => e.Contains("NotStatic") && e.Contains("a BeforeTestRun hook must be static"));
        Bad.Errors.Should().HaveCount(6);
        Bad.Steps.Should().BeEmpty();
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
