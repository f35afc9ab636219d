using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Timers;

/// <summary>Due times of timer start events, which the host schedules (no instance exists yet to hold them).</summary>
public static class TimerStarts
{
    /// <summary>When a timer start event first fires after deployment at <paramref name="now"/>.</summary>
    /// <param name="startEvent">A timer start event from <see cref="ProcessDefinition.TimerStartEvents"/>.</param>
    /// <param name="now">Deployment time.</param>
    /// <param name="time">Business time; null for wall-clock time.</param>
    /// <returns>The first due time, or null when the timer definition is invalid.</returns>
    public static DateTimeOffset? FirstDue(FlowNode startEvent, DateTimeOffset now, IBusinessTime? time = null) =>
        startEvent.Timer is { } timer && TimerExpression.Validate(timer) is null
            ? TimerExpression.FirstDue(timer, now, startEvent.Ext("calendar"), time ?? WallClockBusinessTime.Instance).Due
            : null;

    /// <summary>The next due time of a cycle after it fired <paramref name="firedCount"/> times, the last at <paramref name="previousDue"/>.</summary>
    /// <param name="startEvent">A timer start event.</param>
    /// <param name="previousDue">When it last fired.</param>
    /// <param name="firedCount">How many times it has fired so far (including that one).</param>
    /// <param name="time">Business time; null for wall-clock time.</param>
    /// <returns>The next due time, or null when the timer does not repeat (any more).</returns>
    public static DateTimeOffset? NextDue(FlowNode startEvent, DateTimeOffset previousDue, int firedCount, IBusinessTime? time = null)
    {
        if (startEvent.Timer is not { Kind: TimerKind.Cycle } timer || !TimerExpression.TryParseCycle(timer.Expression, out var cycle)
            || (cycle.Repetitions is { } max && firedCount >= max))
        {
            return null;
        }

        return TimerExpression.NextCycleDue(timer, previousDue, startEvent.Ext("calendar"), time ?? WallClockBusinessTime.Instance);
    }
}
