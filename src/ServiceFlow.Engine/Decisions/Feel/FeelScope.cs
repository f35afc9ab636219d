using System.Text.Json;

namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>
/// Names visible to a FEEL expression: local bindings (the input value <c>?</c>, context entries, required
/// decisions' results) over the instance variables, which are converted from JSON on first use.
/// An unknown name is null, as FEEL says; unary tests such as <c>null</c> and <c>-</c> rely on that.
/// </summary>
internal sealed class FeelScope
{
    private readonly IReadOnlyDictionary<string, JsonElement>? _variables;
    private readonly Dictionary<string, object?> _locals = new(StringComparer.Ordinal);
    private readonly FeelScope? _parent;

    public FeelScope(IReadOnlyDictionary<string, JsonElement>? variables = null) => _variables = variables;

    private FeelScope(FeelScope parent) => _parent = parent;

    public static FeelScope Empty { get; } = new();

    /// <summary>A child scope with one more binding.</summary>
    public FeelScope With(string name, object? value)
    {
        var child = new FeelScope(this);
        child._locals[name] = value;
        return child;
    }

    /// <summary>Adds a binding to this scope (used while building a decision's scope).</summary>
    public void Bind(string name, object? value) => _locals[name] = value;

    public bool IsBound(string name) =>
        _locals.ContainsKey(name) || (_parent?.IsBound(name) ?? _variables?.ContainsKey(name) ?? false);

    public object? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._locals.TryGetValue(name, out var local))
            {
                return local;
            }

            if (scope._variables is not null && scope._variables.TryGetValue(name, out var json))
            {
                var value = FeelJson.ToFeel(json);
                scope._locals[name] = value; // convert each variable once per evaluation
                return value;
            }
        }

        return null;
    }
}
