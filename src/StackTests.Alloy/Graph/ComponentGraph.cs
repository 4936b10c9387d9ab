using StackTests.Alloy.Syntax;

namespace StackTests.Alloy.Graph;

/// <summary>
/// The components of a parsed config and the references between them. A reference is a dotted
/// name (<c>a.b.c.d</c>, possibly indexed or called further) whose first fragment is a component
/// namespace (a built-in one, or the first fragment of a declared component); it resolves to the
/// declared component whose id is its longest prefix, and the fragment after that id is the export.
/// Other dotted names (<c>sys.env</c>, <c>array.concat</c>, ...) are standard-library calls and left alone.
/// The bodies of <c>declare</c> blocks have their own scope and are not modelled.
/// </summary>
public sealed class ComponentGraph
{
    private readonly Dictionary<string, Component> _byId;

    private ComponentGraph(AlloyDocument document, IReadOnlyList<Component> components, IReadOnlyList<ComponentReference> references)
    {
        Document = document;
        Components = components;
        References = references;
        _byId = new Dictionary<string, Component>(StringComparer.Ordinal);
        foreach (var component in components) _byId.TryAdd(component.Id, component);
    }

    public AlloyDocument Document { get; }

    /// <summary>Every component, in source order.</summary>
    public IReadOnlyList<Component> Components { get; }

    /// <summary>Every reference from a component's arguments to a component, in source order.</summary>
    public IReadOnlyList<ComponentReference> References { get; }

    /// <summary>The component with this id (<c>loki.write.default</c>), or null.</summary>
    public Component? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The components of a type (<c>loki.source.docker</c>).</summary>
    public IEnumerable<Component> OfType(string name) => Components.Where(c => c.Name == name);

    /// <summary>The references written in one argument of a component (<c>forward_to</c>, <c>endpoint.url</c>).</summary>
    public IEnumerable<ComponentReference> ReferencesIn(Component component, string argumentPath) =>
        References.Where(r => r.From == component && r.ArgumentPath == argumentPath);

    /// <summary>The components that refer to this one.</summary>
    public IEnumerable<ComponentReference> ReferencesTo(Component component) => References.Where(r => r.Target == component);

    public static ComponentGraph Build(AlloyDocument document)
    {
        var components = document.Blocks
            .Where(b => b.Label is not null && !ComponentCatalog.ConfigurationBlocks.Contains(b.FullName))
            .Select(b => new Component(b, ComponentCatalog.Find(b.FullName)))
            .ToList();

        var namespaces = new HashSet<string>(ComponentCatalog.Namespaces, StringComparer.Ordinal);
        foreach (var component in components) namespaces.Add(component.Block.Name[0]);

        var references = new List<ComponentReference>();
        foreach (var component in components)
            CollectInBody(component, component.Block.Body, "", namespaces, components, references);
        return new ComponentGraph(document, components, references);
    }

    private static void CollectInBody(Component from, IReadOnlyList<Statement> body, string prefix,
        HashSet<string> namespaces, List<Component> components, List<ComponentReference> references)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case AttributeStatement attribute:
                    Collect(from, prefix + attribute.Name.Name, attribute.Value, namespaces, components, references);
                    break;
                case BlockStatement block:
                    CollectInBody(from, block.Body, prefix + block.FullName + ".", namespaces, components, references);
                    break;
            }
        }
    }

    private static void Collect(Component from, string argumentPath, Expression expression,
        HashSet<string> namespaces, List<Component> components, List<ComponentReference> references)
    {
        void Walk(Expression e) => Collect(from, argumentPath, e, namespaces, components, references);

        if (DottedName(expression) is { } fragments)
        {
            if (namespaces.Contains(fragments[0]))
                references.Add(Resolve(from, argumentPath, expression, fragments, components));
            return;
        }

        switch (expression)
        {
            case AccessExpression access: Walk(access.Value); break;
            case IndexExpression index: Walk(index.Value); Walk(index.Index); break;
            case CallExpression call:
                Walk(call.Value);
                foreach (var argument in call.Arguments) Walk(argument);
                break;
            case ArrayExpression array:
                foreach (var element in array.Elements) Walk(element);
                break;
            case ObjectExpression obj:
                foreach (var field in obj.Fields) Walk(field.Value);
                break;
            case UnaryExpression unary: Walk(unary.Operand); break;
            case BinaryExpression binary: Walk(binary.Left); Walk(binary.Right); break;
            case ParenExpression paren: Walk(paren.Inner); break;
        }
    }

    // a.b.c as ["a", "b", "c"]; null when the expression is not a plain dotted name.
    private static List<string>? DottedName(Expression expression)
    {
        var fragments = new List<string>();
        while (expression is AccessExpression access)
        {
            fragments.Add(access.Name.Name);
            expression = access.Value;
        }
        if (expression is not IdentifierExpression identifier) return null;
        fragments.Add(identifier.Name.Name);
        fragments.Reverse();
        return fragments;
    }

    private static ComponentReference Resolve(Component from, string argumentPath, Expression expression,
        List<string> fragments, List<Component> components)
    {
        Component? target = null;
        foreach (var candidate in components)
        {
            var id = candidate.IdFragments;
            if (id.Count <= fragments.Count && id.Select((f, i) => f == fragments[i]).All(same => same)
                && (target is null || id.Count > target.IdFragments.Count))
                target = candidate;
        }
        var export = target is not null && fragments.Count > target.IdFragments.Count ? fragments[target.IdFragments.Count] : null;
        return new ComponentReference(from, argumentPath, expression, fragments, target, export);
    }
}
