using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

/// <summary>
/// Multi-instance and standard loops. The token at the activity owns a body scope (nrOfInstances and its
/// counters); each pass is a scope of its own (loopCounter, the element variable) holding a token at the same
/// activity, which runs the activity's own behaviour once. Boundary events belong to the body's owner.
/// </summary>
internal sealed partial class Runner
{
    private const string NrOfInstances = "nrOfInstances";
    private const string NrOfActive = "nrOfActiveInstances";
    private const string NrOfCompleted = "nrOfCompletedInstances";
    private const string LoopCounter = "loopCounter";

    /// <summary>True for a token running one pass of its looping activity (not the owner of the body).</summary>
    private bool IsLoopPass(Token token) => FindScope(token.ScopeId) is { Kind: ScopeKind.LoopItem } scope && scope.ActivityId == token.NodeId;

    /// <summary>The token an activity's boundary events are attached to: for a pass, the owner of its body.</summary>
    private Token ActivityToken(Token token) =>
        IsLoopPass(token) && FindScope(FindScope(token.ScopeId)!.ParentScopeId) is { } body && FindToken(body.OwnerTokenId) is { } owner ? owner : token;

    private void StartLoop(Token token, FlowNode node)
    {
        var loop = node.Loop!;
        ImmutableArray<JsonElement>? items = null;
        var count = 0;
        if (loop.IsMultiInstance)
        {
            // Evaluated before anything changes: a bad collection leaves an incident a retry can start over from.
            if (loop.Collection is { } collection)
            {
                items = Collection(node, collection);
                count = items.Value.Length;
            }
            else
            {
                count = Cardinality(node, loop.LoopCardinality ?? "");
            }
        }
        else if (loop.TestBefore && !Holds(loop.LoopCondition, $"loopCondition of '{node.Id}'", Visible(), onLeave: false))
        {
            Log(JournalKind.GatewayDecision, node.Id, token.Id, "loop condition false before the first pass");
            Leave(token);
            return;
        }

        AddWaits(token, PrepareBoundaryWaits(token, node));
        Replace(FindToken(token.Id)! with { State = TokenState.InScope });
        var body = new ScopeInstance(NextId("scope"), node.Id, token.Id, token.ScopeId)
        {
            Kind = ScopeKind.MultiInstance,
            Variables = loop.IsMultiInstance
                ? ImmutableDictionary<string, JsonElement>.Empty.Add(NrOfInstances, Json(count)).Add(NrOfActive, Json(0)).Add(NrOfCompleted, Json(0))
                : NoVariables,
            Items = loop.IsSequential ? items : null,
        };
        _scopes.Add(body);
        if (loop.OutputCollection is { } output)
        {
            SetVariable(token.ScopeId, output, Json(new object?[count]));
        }

        Log(JournalKind.GatewayDecision, node.Id, token.Id, loop.IsMultiInstance
            ? string.Create(CultureInfo.InvariantCulture, $"{(loop.IsSequential ? "sequential" : "parallel")} multi-instance of {count}")
            : "standard loop");
        if (loop.IsMultiInstance && count == 0)
        {
            FinishLoop(body);
            return;
        }

        var first = loop is { IsMultiInstance: true, IsSequential: false } ? count : 1;
        _stepLimit += 4 * first; // a bounded fan-out is not an endless loop
        for (var i = 0; i < first; i++)
        {
            StartPass(body, i, items is { } all ? all[i] : null);
        }
    }

    private ImmutableArray<JsonElement> Collection(FlowNode node, string collection)
    {
        var value = Evaluate(collection, $"collection of '{node.Id}'");
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new IncidentException($"collection of '{node.Id}' is not an array but {value.ValueKind.ToString().ToLowerInvariant()}", false);
        }

        ImmutableArray<JsonElement> items = [.. value.EnumerateArray().Select(e => e.Clone())];
        return items.Length <= _options.MaxLoopInstances ? items
            : throw new IncidentException($"collection of '{node.Id}' has {items.Length} items; at most {_options.MaxLoopInstances} instances are allowed", false);
    }

    private int Cardinality(FlowNode node, string expression)
    {
        var value = Evaluate(expression, $"loopCardinality of '{node.Id}'");
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) && n >= 0 && n <= _options.MaxLoopInstances && n == Math.Floor(n)
            ? (int)n
            : throw new IncidentException($"loopCardinality of '{node.Id}' is {value.GetRawText()}, not a whole number from 0 to {_options.MaxLoopInstances}", false);
    }

    private void StartPass(ScopeInstance body, int index, JsonElement? item)
    {
        var node = _def.Nodes[body.ActivityId];
        var locals = ImmutableDictionary<string, JsonElement>.Empty.Add(LoopCounter, Json(index));
        if (node.Loop!.ElementVariable is { } elementVariable)
        {
            locals = locals.SetItem(elementVariable, item ?? Json<object?>(null));
        }

        var pass = new ScopeInstance(NextId("scope"), body.ActivityId, body.OwnerTokenId, body.Id) { Kind = ScopeKind.LoopItem, Variables = locals };
        _scopes.Add(pass);
        if (node.Loop.IsMultiInstance)
        {
            SetLocal(FindScope(body.Id)!, NrOfActive, Json(Count(FindScope(body.Id)!, NrOfActive) + 1));
        }

        // Passes skip Enter: sf:clock and sf:async belong to the activity as a whole, which its owner entered.
        var token = Replace(NewToken(body.ActivityId, pass.Id) with { AsyncDone = true });
        Log(JournalKind.NodeEntered, node.Id, token.Id, string.Create(CultureInfo.InvariantCulture, $"{node.ElementType} pass {index + 1}"));
        Schedule(token, Step.Activate);
    }

    /// <summary>A pass finished its activity: count it, collect its output, then start the next pass or leave.</summary>
    private void FinishPass(Token token)
    {
        var pass = FindScope(token.ScopeId)!;
        var body = FindScope(pass.ParentScopeId)!;
        var owner = FindToken(body.OwnerTokenId)!;
        var node = _def.Nodes[body.ActivityId];
        var loop = node.Loop!;
        var index = Count(pass, LoopCounter);

        // Evaluate first, change state after: a failing expression leaves an incident whose retry comes back here.
        var view = Visible(pass.Id).ToDictionary();
        bool done;
        JsonElement? output = null;
        if (loop.IsMultiInstance)
        {
            view[NrOfActive] = Json(Count(body, NrOfActive) - 1);
            view[NrOfCompleted] = Json(Count(body, NrOfCompleted) + 1);
            output = loop is { OutputCollection: not null, OutputElement: { } element } ? Evaluate(element, $"outputElement of '{node.Id}'", view) : null;
            done = Count(body, NrOfCompleted) + 1 == Count(body, NrOfInstances)
                || (loop.CompletionCondition is { } completion && Holds(completion, $"completionCondition of '{node.Id}'", view, onLeave: true));
        }
        else
        {
            done = index + 1 >= (loop.LoopMaximum ?? int.MaxValue) || !Holds(loop.LoopCondition, $"loopCondition of '{node.Id}'", view, onLeave: true);
        }

        CancelWaitsOf(token, "pass done");
        _tokens.RemoveAll(t => t.Id == token.Id);
        _scopes.RemoveAll(s => s.Id == pass.Id);
        Log(JournalKind.NodeLeft, node.Id, token.Id, string.Create(CultureInfo.InvariantCulture, $"pass {index + 1} done"));
        if (loop.IsMultiInstance)
        {
            body = SetLocal(body, NrOfActive, view[NrOfActive]);
            body = SetLocal(body, NrOfCompleted, view[NrOfCompleted]);
        }

        if (output is { } value && loop.OutputCollection is { } name && Visible(owner.ScopeId).TryGetValue(name, out var collected)
            && collected.ValueKind == JsonValueKind.Array)
        {
            var list = collected.EnumerateArray().Select(e => (JsonElement?)e).ToList();
            if (index < list.Count)
            {
                list[index] = value;
            }

            SetVariable(owner.ScopeId, name, Json(list));
        }

        if (done)
        {
            FinishLoop(body);
        }
        else if (loop.IsSequential)
        {
            StartPass(body, index + 1, body.Items is { } items && index + 1 < items.Length ? items[index + 1] : null);
        }
    }

    /// <summary>Ends the body: passes still running (a completion condition held) are cancelled; the owner leaves.</summary>
    private void FinishLoop(ScopeInstance body)
    {
        foreach (var pass in _scopes.Where(s => s.ParentScopeId == body.Id && s.Kind == ScopeKind.LoopItem).ToList())
        {
            foreach (var token in _tokens.Where(t => t.ScopeId == pass.Id).ToList())
            {
                CancelToken(token, $"'{body.ActivityId}' completed");
            }

            _scopes.Remove(pass);
        }

        _scopes.RemoveAll(s => s.Id == body.Id);
        if (FindToken(body.OwnerTokenId) is { } owner)
        {
            Schedule(owner, Step.Leave);
        }
    }

    private static int Count(ScopeInstance scope, string name) =>
        scope.Variables.TryGetValue(name, out var v) && v.TryGetInt32(out var n) ? n : 0;

    private bool Holds(string? condition, string what, IReadOnlyDictionary<string, JsonElement> variables, bool onLeave)
    {
        if (condition is null)
        {
            return false;
        }

        var result = _sandbox.EvaluateCondition(condition, variables, out var value);
        return result.Ok ? value : throw new IncidentException($"{what}: {result.Error}", onLeave);
    }
}
