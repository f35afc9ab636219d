using System.Collections.Immutable;
using System.Text.Json;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Execution;

internal sealed partial class Runner
{
    public void Handle(EngineCommand command)
    {
        Log(JournalKind.CommandReceived, null, null, Describe(command));
        if (command is StartInstance start)
        {
            Start(start);
        }
        else if (_status != InstanceStatus.Running)
        {
            Ignore($"instance is {_status}");
            return;
        }
        else
        {
            Dispatch(command);
        }

        RunQueue();
    }

    private void Dispatch(EngineCommand command)
    {
        // Variables a command brings are written in the scope of the token it resumes.
        _current = command switch
        {
            CompleteUserTask c => WaitToken(c.TaskId),
            CompleteJob c => WaitToken(c.JobId),
            CorrelateMessage c => WaitToken(c.SubscriptionId),
            ReceiveSignal c => WaitToken(c.SubscriptionId),
            _ => null,
        };
        switch (command)
        {
            case CompleteUserTask c when TakeWait(c.TaskId, WaitKind.UserTask) is { } wait:
                Merge(c.Variables);
                ResumeAndLeave(wait);
                break;
            case CompleteJob c when TakeWait(c.JobId, WaitKind.Job) is { } wait:
                Merge(c.Variables);
                ResumeAndLeave(wait);
                break;
            case FailJob c when TakeWait(c.JobId, WaitKind.Job) is { } wait:
                RaiseIncident(FindToken(wait.TokenId)!, c.Message, onLeave: false);
                break;
            case ContinueAsync c when TakeWait(c.ContinuationId, WaitKind.Continuation) is { } wait:
                var token = FindToken(wait.TokenId)!;
                Schedule(Replace(token with { AsyncDone = true }), Step.Activate);
                break;
            case ChildCompleted c when TakeWait(c.CallId, WaitKind.Child) is { } wait:
                // Mapped in a queued step, so a failing output mapping becomes an incident, not an exception.
                var output = c.Variables?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, JsonElement>.Empty;
                Schedule(Replace(FindToken(wait.TokenId)! with { Output = output }), Step.Complete);
                break;
            case ChildFailed c when TakeWait(c.CallId, WaitKind.Child) is { } wait:
                ChildFailed(FindToken(wait.TokenId)!, c.Message);
                break;
            case FireTimer c when _waits.Find(w => w.Id == c.TimerId && w.Kind == WaitKind.Timer) is { } wait:
                Log(JournalKind.TimerFired, wait.ActivityId, wait.TokenId, wait.Id);
                Trigger(wait, null);
                break;
            case CorrelateMessage c when _waits.Find(w => w.Id == c.SubscriptionId && w.Kind == WaitKind.Message) is { } wait:
                Log(JournalKind.MessageCorrelated, wait.ActivityId, wait.TokenId, wait.MessageName);
                Trigger(wait, c.Variables);
                break;
            case ReceiveSignal c when _waits.Find(w => w.Id == c.SubscriptionId && w.Kind == WaitKind.Signal) is { } wait:
                Log(JournalKind.MessageCorrelated, wait.ActivityId, wait.TokenId, $"signal '{wait.MessageName}'");
                Trigger(wait, c.Variables);
                break;
            case RetryIncident c when _incidents.Find(i => i.Id == c.IncidentId) is { } incident:
                Retry(incident);
                break;
            case CancelInstance c:
                CancelAll(c.Reason ?? "cancelled");
                _status = InstanceStatus.Cancelled;
                _effects.Add(new InstanceTerminated());
                Log(JournalKind.InstanceTerminated, null, null, $"cancelled: {c.Reason}");
                break;
            default:
                Ignore($"{command.GetType().Name} names nothing that is waiting");
                break;
        }
    }

    private void Start(StartInstance start)
    {
        if (_status != InstanceStatus.NotStarted)
        {
            Ignore($"instance already {_status}");
            return;
        }

        var starts = _def.NodesInScope(null).Where(n => n.Kind == NodeKind.StartEvent).ToList();
        var node = start.StartEventId is { } id
            ? starts.Find(n => n.Id == id)
            : starts.Find(n => n.EventKind == EventKind.None) ?? starts.FirstOrDefault();
        if (node is null)
        {
            throw new ArgumentException($"process '{_def.Id}' has no start event '{start.StartEventId}'", nameof(start));
        }

        _status = InstanceStatus.Running;
        Merge(start.Variables);
        Schedule(NewToken(node.Id, null), Step.Enter);
        SubscribeEventSubProcesses(null);
    }

    private Token? WaitToken(string waitId) => _waits.Find(w => w.Id == waitId) is { } wait ? FindToken(wait.TokenId) : null;

    private WaitItem? TakeWait(string id, WaitKind kind)
    {
        var wait = _waits.Find(w => w.Id == id && w.Kind == kind);
        if (wait is not null)
        {
            _waits.Remove(wait);
        }

        return wait;
    }

    private void ResumeAndLeave(WaitItem wait)
    {
        var token = FindToken(wait.TokenId)!;
        Schedule(token, Step.Leave);
    }

    private void Retry(Incident incident)
    {
        _incidents.Remove(incident);
        Log(JournalKind.IncidentResolved, incident.ActivityId, incident.TokenId, $"retry {incident.Id}");
        if (FindToken(incident.TokenId) is { } token)
        {
            Schedule(token, token.Output is not null ? Step.Complete : incident.RetryLeave ? Step.Leave : Step.Activate);
        }
    }

    private static string Describe(EngineCommand command) => command switch
    {
        StartInstance s => $"StartInstance {s.StartEventId}".TrimEnd(),
        CompleteUserTask c => c.UserId is null ? $"CompleteUserTask {c.TaskId}" : $"CompleteUserTask {c.TaskId} by {c.UserId}",
        CorrelateMessage c => $"CorrelateMessage {c.SubscriptionId}",
        FireTimer c => $"FireTimer {c.TimerId}",
        CompleteJob c => $"CompleteJob {c.JobId}",
        FailJob c => $"FailJob {c.JobId}: {c.Message}",
        ContinueAsync c => $"ContinueAsync {c.ContinuationId}",
        ChildCompleted c => $"ChildCompleted {c.CallId}",
        ChildFailed c => $"ChildFailed {c.CallId}: {c.Message}",
        RetryIncident c => $"RetryIncident {c.IncidentId}",
        CancelInstance c => $"CancelInstance {c.Reason}".TrimEnd(),
        ReceiveSignal c => $"ReceiveSignal {c.SubscriptionId}",
        _ => command.GetType().Name,
    };
}
