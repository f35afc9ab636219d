using System.Collections.Immutable;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

/// <summary>
/// Compensation: an activity with a compensation boundary that completes is recorded in its scope. A compensation
/// throw in that scope runs the recorded handlers one at a time, the last completed first, then continues.
/// When a sub-process completes, its records move to the enclosing scope (unless it has a handler of its own).
/// </summary>
internal sealed partial class Runner
{
    private void RecordCompensation(Token token, FlowNode node)
    {
        if (_def.BoundaryEvents(node.Id).FirstOrDefault(b => b.EventKind == EventKind.Compensate && b.CompensationHandler is not null) is { } boundary)
        {
            _compensations.Add(new CompensationRecord(node.Id, boundary.CompensationHandler!, token.ScopeId));
        }
    }

    /// <summary>A sub-process or event sub-process scope completed: what it did can still be undone from outside.</summary>
    private void ScopeCompleted(ScopeInstance scope)
    {
        if (_def.BoundaryEvents(scope.ActivityId).Any(b => b.EventKind == EventKind.Compensate))
        {
            _compensations.RemoveAll(c => c.ScopeId == scope.Id); // the sub-process's own handler undoes it as a whole
            return;
        }

        for (var i = 0; i < _compensations.Count; i++)
        {
            if (_compensations[i].ScopeId == scope.Id)
            {
                _compensations[i] = _compensations[i] with { ScopeId = scope.ParentScopeId };
            }
        }
    }

    /// <summary>A compensation throw or end: start the handlers; false when there is nothing to compensate.</summary>
    private bool StartCompensation(Token token, FlowNode node)
    {
        var records = _compensations
            .Where(c => c.ScopeId == token.ScopeId && (node.CompensateActivityRef is null || c.ActivityId == node.CompensateActivityRef))
            .Reverse().ToImmutableList();
        Log(JournalKind.EventThrown, node.Id, token.Id, records.IsEmpty ? "compensation: nothing to compensate"
            : $"compensation of {string.Join(", ", records.Select(r => r.ActivityId))}");
        if (records.IsEmpty)
        {
            return false;
        }

        _compensations.RemoveAll(records.Contains);
        var wait = new WaitItem(NextId("compensation"), WaitKind.Compensation, token.Id, node.Id) { Compensations = records };
        AddWaits(token, [(wait, null)]);
        NextHandler(wait);
        return true;
    }

    private void NextHandler(WaitItem wait)
    {
        var thrower = FindToken(wait.TokenId)!;
        var record = wait.Compensations![0];
        _waits[_waits.IndexOf(wait)] = wait with { Compensations = wait.Compensations.RemoveAt(0) };
        Log(JournalKind.EventThrown, record.HandlerId, thrower.Id, $"compensating '{record.ActivityId}'");
        Schedule(Replace(NewToken(record.HandlerId, thrower.ScopeId) with { CompensationFor = wait.Id }), Step.Enter);
    }

    /// <summary>A handler's token ended: run the next handler, or let the throwing event continue.</summary>
    private void HandlerDone(string waitId)
    {
        if (_waits.Find(w => w.Id == waitId) is not { } wait)
        {
            return;
        }

        if (!wait.Compensations!.IsEmpty)
        {
            NextHandler(wait);
            return;
        }

        _waits.Remove(wait);
        Schedule(Replace(FindToken(wait.TokenId)! with { Caught = true }), Step.Activate);
    }
}
