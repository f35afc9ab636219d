using System.Collections.Immutable;
using System.Text.Json;

namespace ServiceFlow.Engine.Execution;

/// <summary>
/// Variables: one set per instance, plus local ones on scope instances (a loop's counters, loopCounter and
/// element variable). Expressions see the instance's variables overlaid by every enclosing scope's locals; a
/// write goes to the innermost scope that already has the name, else to the instance (as in Camunda).
/// </summary>
internal sealed partial class Runner
{
    // The token whose step is running: expressions and writes use its scope. Null at process level.
    private Token? _current;

    private IReadOnlyDictionary<string, JsonElement> Visible() => Visible(_current?.ScopeId);

    private IReadOnlyDictionary<string, JsonElement> Visible(string? scopeId)
    {
        var locals = ScopeChain(scopeId).Where(s => !s.Variables.IsEmpty).Reverse().ToList();
        if (locals.Count == 0)
        {
            return _vars;
        }

        var merged = _vars.ToImmutable().ToBuilder();
        foreach (var scope in locals)
        {
            foreach (var (name, value) in scope.Variables)
            {
                merged[name] = value;
            }
        }

        return merged;
    }

    /// <summary>The scope instance and its ancestors, innermost first.</summary>
    private IEnumerable<ScopeInstance> ScopeChain(string? scopeId)
    {
        for (var id = scopeId; id is not null && _scopes.Find(s => s.Id == id) is { } scope; id = scope.ParentScopeId)
        {
            yield return scope;
        }
    }

    private void SetVariable(string name, JsonElement value) => SetVariable(_current?.ScopeId, name, value);

    private void SetVariable(string? scopeId, string name, JsonElement value)
    {
        VariablesChanged();
        foreach (var scope in ScopeChain(scopeId))
        {
            if (scope.Variables.ContainsKey(name))
            {
                ReplaceScope(scope with { Variables = scope.Variables.SetItem(name, value) });
                return;
            }
        }

        _vars[name] = value;
    }

    private ScopeInstance SetLocal(ScopeInstance scope, string name, JsonElement value)
    {
        VariablesChanged();
        return ReplaceScope(scope with { Variables = scope.Variables.SetItem(name, value) });
    }

    private ScopeInstance ReplaceScope(ScopeInstance scope)
    {
        var index = _scopes.FindIndex(s => s.Id == scope.Id);
        if (index >= 0)
        {
            _scopes[index] = scope;
        }

        return scope;
    }

    private ScopeInstance? FindScope(string? id) => id is null ? null : _scopes.Find(s => s.Id == id);

    private void Merge(IReadOnlyDictionary<string, JsonElement>? variables)
    {
        if (variables is null)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            SetVariable(name, value.Clone());
        }
    }

    partial void VariablesChanged();

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);

    private static ImmutableDictionary<string, JsonElement> NoVariables => ImmutableDictionary<string, JsonElement>.Empty;
}
