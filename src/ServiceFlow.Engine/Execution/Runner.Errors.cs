using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

internal sealed partial class Runner
{
    /// <summary>Terminate end: ends its scope; at process level the whole instance.</summary>
    private void Terminate(Token token)
    {
        Log(JournalKind.NodeLeft, token.NodeId, token.Id, "terminate");
        _tokens.RemoveAll(t => t.Id == token.Id);
        if (token.ScopeId is null)
        {
            CancelAll($"terminated by '{token.NodeId}'");
            _status = InstanceStatus.Terminated;
            _effects.Add(new InstanceTerminated());
            Log(JournalKind.InstanceTerminated, token.NodeId, token.Id, "terminate end event");
            return;
        }

        foreach (var inner in _tokens.Where(t => t.ScopeId == token.ScopeId).ToList())
        {
            CancelToken(inner, $"terminated by '{token.NodeId}'");
        }

        CompleteScopeIfEmpty(token.ScopeId);
    }

    /// <summary>
    /// Error end: caught by the nearest enclosing error event sub-process or error boundary whose code matches (else a
    /// catch-all one), walking out through the scopes; uncaught, the instance fails.
    /// </summary>
    private void ThrowError(Token token, FlowNode node)
    {
        var code = ErrorCode(node.ErrorRef);
        Log(JournalKind.ErrorThrown, node.Id, token.Id, code ?? "(no error code)");
        _tokens.RemoveAll(t => t.Id == token.Id);
        if (FindCatch(token.ScopeId, EventKind.Error, code, n => ErrorCode(n.ErrorRef)) is { } found)
        {
            TakeCatch(found, $"error '{code}'");
            return;
        }

        FailInstance(token, $"uncaught BPMN error '{code}' thrown by '{node.Id}'");
    }

    /// <summary>Where a thrown error or escalation is caught: an event sub-process start, or a boundary with the token it is attached to.</summary>
    private sealed record Catch(FlowNode Event, string? ScopeId, string Owner, Token? Attached);

    private Catch? FindCatch(string? fromScopeId, EventKind kind, string? code, Func<FlowNode, string?> codeOf)
    {
        string? cameFrom = null; // the event sub-process the throw came out of does not catch its own throw
        for (var scopeId = fromScopeId; ;)
        {
            var scope = FindScope(scopeId);
            if (scope is null or { Kind: ScopeKind.SubProcess or ScopeKind.EventSubProcess })
            {
                var starts = EventSubProcessStarts(scope?.ActivityId).Where(s => s.EventKind == kind && s.ScopeId != cameFrom).ToList();
                if (Match(starts, code, codeOf) is { } start)
                {
                    return new Catch(start, scopeId, scope?.OwnerTokenId ?? ProcessLevel, null);
                }
            }

            if (scope is null)
            {
                return null;
            }

            if (BoundaryHolder(scope) is { } holder
                && Match([.. _def.BoundaryEvents(scope.ActivityId).Where(b => b.EventKind == kind)], code, codeOf) is { } boundary)
            {
                return new Catch(boundary, holder.ScopeId, holder.Id, holder);
            }

            cameFrom = scope.Kind == ScopeKind.EventSubProcess ? scope.ActivityId : null;
            scopeId = scope.ParentScopeId;
        }
    }

    /// <summary>An exact code match wins over a catch-all (no reference).</summary>
    private static FlowNode? Match(List<FlowNode> candidates, string? code, Func<FlowNode, string?> codeOf) =>
        candidates.Find(c => codeOf(c) is { } own && code is not null && own == code) ?? candidates.Find(c => codeOf(c) is null);

    /// <summary>The token whose activity's boundary events apply to a scope: a sub-process's owner, a loop body's owner.</summary>
    private Token? BoundaryHolder(ScopeInstance scope) => scope.Kind switch
    {
        ScopeKind.SubProcess when FindToken(scope.OwnerTokenId) is { } owner && !IsLoopPass(owner) => owner,
        ScopeKind.MultiInstance => FindToken(scope.OwnerTokenId),
        _ => null, // a pass's sub-process belongs to the loop body, whose boundaries are checked one level out
    };

    /// <summary>Runs a catch: an interrupting boundary cancels its activity; an event sub-process starts in its scope.</summary>
    private void TakeCatch(Catch found, string what)
    {
        if (found.Attached is { } attached)
        {
            if (found.Event.CancelActivity)
            {
                CancelToken(attached, $"{what} caught by '{found.Event.Id}'");
            }

            Schedule(NewToken(found.Event.Id, attached.ScopeId), Step.Enter);
            return;
        }

        StartEventSubProcess(found.ScopeId, found.Owner, found.Event);
    }

    private void ChildFailed(Token token, string message)
    {
        var activity = ActivityToken(token); // a failed pass of a multi-instance call fails the whole activity
        if (FindErrorBoundary(token.NodeId, message) is { } boundary)
        {
            CancelToken(activity, $"child failure caught by '{boundary.Id}'");
            Schedule(NewToken(boundary.Id, activity.ScopeId), Step.Enter);
            return;
        }

        RaiseIncident(token, $"child instance failed: {message}", onLeave: false);
    }

    /// <summary>A boundary whose error code matches, else a catch-all one (no errorRef).</summary>
    private FlowNode? FindErrorBoundary(string activityId, string? code)
    {
        var boundaries = _def.BoundaryEvents(activityId).Where(b => b.EventKind == EventKind.Error).ToList();
        return boundaries.Find(b => b.ErrorRef is not null && code is not null && ErrorCode(b.ErrorRef) == code)
            ?? boundaries.Find(b => b.ErrorRef is null);
    }

    private string? ErrorCode(string? errorRef) =>
        errorRef is null ? null : _def.Errors.TryGetValue(errorRef, out var e) && !string.IsNullOrEmpty(e.ErrorCode) ? e.ErrorCode : errorRef;

    private void FailInstance(Token token, string message)
    {
        CancelAll(message);
        var incident = new Incident(NextId("incident"), token.Id, token.NodeId, message, _now, false);
        _incidents.Add(incident);
        _status = InstanceStatus.Failed;
        _effects.Add(new RaiseIncident(incident.Id, token.NodeId, message));
        _effects.Add(new InstanceFailed(message));
        Log(JournalKind.IncidentRaised, token.NodeId, token.Id, message);
        Log(JournalKind.InstanceFailed, token.NodeId, token.Id, message);
    }
}
