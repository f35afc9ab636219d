using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

/// <summary>
/// Conditional events. A conditional catch passes at once when its condition holds, else waits; conditional
/// boundaries and event sub-process starts wait while their activity or scope runs. After each command's work,
/// if any variable changed (or a new conditional wait exists), every condition is evaluated again; one that is
/// true and armed fires. Armed means: not true at the last evaluation, so a condition that stays true fires once.
/// </summary>
internal sealed partial class Runner
{
    private bool _varsChanged;

    partial void VariablesChanged() => _varsChanged = true;

    private void CatchCondition(Token token, FlowNode node)
    {
        if (ConditionHolds(node, Visible()))
        {
            Leave(token);
            return;
        }

        var (wait, _) = PrepareEventWait(token, node);
        AddWaits(token, [(wait with { Armed = true }, null)]);
    }

    /// <summary>Fires the conditional events whose condition became true; true when one fired (the queue has work again).</summary>
    private bool EvaluateConditions()
    {
        var pending = _waits.Where(w => w.Kind == WaitKind.Conditional).ToList();
        if (pending.Count == 0 || (!_varsChanged && pending.TrueForAll(w => w.Armed is not null)))
        {
            return false;
        }

        _varsChanged = false;
        var fired = false;
        foreach (var wait in pending)
        {
            if (!_waits.Contains(wait))
            {
                continue; // an earlier firing in this round cancelled it
            }

            var node = _def.Nodes[wait.ActivityId];
            var owner = FindToken(wait.TokenId);
            // A boundary's condition reads the activity's scope; an event sub-process's its own scope's.
            var scopeId = IsEventSubProcessStart(node) ? _scopes.Find(s => s.OwnerTokenId == wait.TokenId && s.Kind == ScopeKind.SubProcess)?.Id : owner?.ScopeId;
            var holds = ConditionHolds(node, Visible(scopeId));
            if (holds && wait.Armed != false)
            {
                Log(JournalKind.GatewayDecision, node.Id, wait.TokenId, "condition became true");
                Trigger(wait, null);
                fired = true;
            }
            else if (wait.Armed != !holds)
            {
                _waits[_waits.IndexOf(wait)] = wait with { Armed = !holds };
            }
        }

        return fired;
    }

    /// <summary>
    /// A condition that cannot be evaluated counts as false: "wait until approved" reads a variable that does not
    /// exist yet, which strict JavaScript reports as an error.
    /// </summary>
    private bool ConditionHolds(FlowNode node, IReadOnlyDictionary<string, System.Text.Json.JsonElement> variables) =>
        _sandbox.EvaluateCondition(node.EventCondition ?? "false", variables, out var holds).Ok && holds;
}
