using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Timers;

namespace ServiceFlow.Engine.Execution;

/// <summary>Renewing and dropping waits, with the effect that tells the host.</summary>
internal sealed partial class Runner
{
    /// <summary>
    /// After a non-interrupting event: it may happen again. A timer moves to its next cycle (if any); a message or
    /// signal subscription gets a new id (the host removed the one it delivered); a condition must turn false first.
    /// </summary>
    private void Rearm(WaitItem wait, FlowNode node)
    {
        _waits.Remove(wait);
        switch (wait.Kind)
        {
            case WaitKind.Timer when wait.RemainingCycles is null or > 0 && node.Timer is { Kind: TimerKind.Cycle } timer:
                var due = TimerExpression.NextCycleDue(timer, wait.DueAt ?? _now, node.Ext("calendar"), _options.BusinessTime);
                var timerId = NextId("timer");
                _waits.Add(wait with { Id = timerId, DueAt = due, RemainingCycles = wait.RemainingCycles - 1 });
                _effects.Add(new ScheduleTimer(timerId, node.Id, due));
                break;
            case WaitKind.Message:
                var messageId = NextId("subscription");
                _waits.Add(wait with { Id = messageId });
                _effects.Add(new SubscribeMessage(messageId, node.Id, wait.MessageName!, wait.CorrelationKey)
                {
                    ByBusinessKey = node.Ext("correlationKey") is not { Length: > 0 },
                });
                break;
            case WaitKind.Signal:
                var signalId = NextId("subscription");
                _waits.Add(wait with { Id = signalId });
                _effects.Add(new SubscribeSignal(signalId, node.Id, wait.MessageName!));
                break;
            case WaitKind.Conditional:
                _waits.Add(wait with { Armed = false });
                break;
            default:
                break;
        }
    }

    private void CancelWaitsOf(Token token, string reason) => CancelWaits(w => w.TokenId == token.Id, reason);

    private void CancelWaits(Predicate<WaitItem> which, string reason)
    {
        foreach (var wait in _waits.Where(w => which(w)).ToList())
        {
            _waits.Remove(wait);
            EngineEffect? effect = wait.Kind switch
            {
                WaitKind.UserTask => new CancelUserTask(wait.Id),
                WaitKind.Timer => new CancelTimer(wait.Id),
                WaitKind.Message => new UnsubscribeMessage(wait.Id),
                WaitKind.Signal => new UnsubscribeSignal(wait.Id),
                WaitKind.Child => new CancelChildInstance(wait.Id),
                _ => null, // jobs and continuations: a late answer is simply ignored; conditions and compensations are the engine's own
            };
            if (effect is not null)
            {
                _effects.Add(effect);
            }
        }

        _ = reason;
    }
}
