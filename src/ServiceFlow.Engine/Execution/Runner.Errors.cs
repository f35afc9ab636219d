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

    /// <summary>Error end: the nearest enclosing sub-process with a matching error boundary catches it.</summary>
    private void ThrowError(Token token, FlowNode node)
    {
        var code = ErrorCode(node.ErrorRef);
        Log(JournalKind.ErrorThrown, node.Id, token.Id, code ?? "(no error code)");
        _tokens.RemoveAll(t => t.Id == token.Id);
        for (var scopeId = token.ScopeId; scopeId is not null;)
        {
            var scope = _scopes.Find(s => s.Id == scopeId)!;
            if (FindErrorBoundary(scope.ActivityId, code) is { } boundary && FindToken(scope.OwnerTokenId) is { } owner)
            {
                CancelToken(owner, $"error '{code}' caught by '{boundary.Id}'");
                Schedule(NewToken(boundary.Id, owner.ScopeId), Step.Enter);
                return;
            }

            scopeId = scope.ParentScopeId;
        }

        FailInstance(token, $"uncaught BPMN error '{code}' thrown by '{node.Id}'");
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
