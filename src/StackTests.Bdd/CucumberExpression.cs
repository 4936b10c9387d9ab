using Library = CucumberExpressions;

namespace StackTests.Bdd;

/// <summary>
/// A Cucumber expression ("I have {int} cucumber(s) in my belly/stomach"), parsed and turned into a
/// regex by Cucumber.CucumberExpressions with the parameter types of a <see cref="ParameterTypeRegistry"/>.
/// </summary>
public sealed class CucumberExpression : StepExpression
{
    /// <summary>The source as a Cucumber expression, even when it starts with ^ or ends with $ (see <see cref="StepExpression.Create"/>).</summary>
    public CucumberExpression(string source, ParameterTypeRegistry parameterTypes)
        : this(Build(parameterTypes, () => new Library.CucumberExpression(source, parameterTypes))) { }

    internal CucumberExpression(Library.CucumberExpression expression)
        : base(expression.Source, expression.Regex, expression.ParameterTypes.Cast<ParameterType?>().ToList()) { }

    public override bool IsRegularExpression => false;
}
