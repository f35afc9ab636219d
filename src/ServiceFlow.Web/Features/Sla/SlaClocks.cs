using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// Starts, pauses, resumes, stops and re-plans clocks inside the caller's transaction. Every change is
/// a segment with its reason; every change of the due instant cancels the clock's unfired timers and
/// plans new ones, which Hangfire gets once the transaction has committed. The `update` clock (a policy's
/// UpdateEvery) runs alongside `resolution`: whatever names `resolution` applies to it too.
internal sealed partial class SlaClocks(SlaCalendars calendars)
{
    public const string FirstResponse = "first-response";
    public const string Resolution = "resolution";
    public const string Update = "update";

    public async Task StartAsync(StepContext ctx, string businessKey, string name, string reason)
    {
        if (await FindAsync(ctx, businessKey, name) is not null)
            return; // re-entering the start node (e.g. review after a correction) keeps the clock running
        var subject = await SubjectAsync(ctx, businessKey);
        // Without a policy there is nothing to measure against; the ticket itself must not fail.
        if (await PolicyForAsync(ctx, subject.Priority, subject.ServiceType) is not { } policy)
            return;
        await StartClockAsync(ctx, businessKey, name, reason, policy, subject.Status);
        if (name.Equals(Resolution, StringComparison.OrdinalIgnoreCase) && policy.UpdateEvery is not null && await FindAsync(ctx, businessKey, Update) is null)
            await StartClockAsync(ctx, businessKey, Update, reason, policy, subject.Status);
    }

    async Task StartClockAsync(StepContext ctx, string businessKey, string name, string reason, SlaPolicy policy, string? status)
    {
        if (TargetOf(policy, name) is not { } target)
            return;
        var clock = new SlaClock
        {
            Id = Guid.CreateVersion7(),
            BusinessKey = businessKey,
            Name = name,
            PolicyKey = policy.Key,
            PolicyVersion = policy.Version,
            Calendar = policy.Calendar,
            State = ClockState.Running,
            Target = target,
            StartedAt = ctx.Now,
        };
        FixWorkingTarget(clock);
        await AddClockAsync(ctx, clock, new SlaClockSegment { ClockId = clock.Id, Running = true, From = ctx.Now, Reason = reason, By = ctx.User });
        // A ticket already waiting (a clock started while the customer is asked) starts paused.
        if (status is not null && Pauses(policy, status))
            await PauseClockAsync(ctx, clock, $"state:{status}", policy, status);
        else
            await PlanAsync(ctx, clock, policy);
    }

    public Task PauseAsync(StepContext ctx, string businessKey, string? name, string reason) =>
        ForEachAsync(ctx, businessKey, name, ClockState.Running, async clock =>
            await PauseClockAsync(ctx, clock, reason, await PolicyOfAsync(ctx, clock), byState: null));

    async Task PauseClockAsync(StepContext ctx, SlaClock clock, string reason, SlaPolicy policy, string? byState)
    {
        SwitchSegment(ctx, clock, running: false, reason);
        clock.State = ClockState.Paused;
        clock.PausedByState = byState;
        clock.DueAt = null;
        await PlanAsync(ctx, clock, policy);
    }

    public Task ResumeAsync(StepContext ctx, string businessKey, string? name, string reason) =>
        ForEachAsync(ctx, businessKey, name, ClockState.Paused, async clock =>
            await ResumeClockAsync(ctx, clock, reason, await PolicyOfAsync(ctx, clock)));

    async Task ResumeClockAsync(StepContext ctx, SlaClock clock, string reason, SlaPolicy policy)
    {
        SwitchSegment(ctx, clock, running: true, reason);
        clock.State = ClockState.Running;
        clock.PausedByState = null;
        await PlanAsync(ctx, clock, policy);
    }

    public Task StopAsync(StepContext ctx, string businessKey, string? name, string reason) =>
        ForEachAsync(ctx, businessKey, name, null, async clock =>
        {
            if (clock.State is ClockState.Running or ClockState.Paused)
                await StopClockAsync(ctx, clock, reason, null);
        });

    async Task StopClockAsync(StepContext ctx, SlaClock clock, string reason, ClockState? state)
    {
        var segment = OpenSegment(ctx, clock);
        segment.To = ctx.Now;
        segment.EndReason = reason;
        var elapsed = Elapsed(ctx, clock, ctx.Now);
        clock.State = state ?? (elapsed <= clock.WorkingTarget ? ClockState.Met : ClockState.Breached);
        clock.Overdue = clock.State == ClockState.Breached;
        clock.PausedByState = null;
        clock.StoppedAt = ctx.Now;
        await PlanAsync(ctx, clock, await PolicyOfAsync(ctx, clock));
        SlaTasks.CloseOpen(ctx, clock, $"clock {clock.Name} {clock.State.ToString().ToLowerInvariant()}");
    }

    /// Moves open clocks to the newest policy for the subject's current priority and service type.
    public Task ReplanAsync(StepContext ctx, string businessKey, string reason) =>
        ForEachAsync(ctx, businessKey, null, null, async clock =>
        {
            if (clock.State is not (ClockState.Running or ClockState.Paused))
                return;
            var subject = await SubjectAsync(ctx, businessKey);
            var policy = await PolicyForAsync(ctx, subject.Priority, subject.ServiceType)
                ?? throw RuntimeProblem.Conflict($"No SLA policy covers priority {subject.Priority}.");
            if (TargetOf(policy, clock.Name) is not { } target)
            {
                // The new policy asks for no regular updates: the update clock ends here.
                await StopClockAsync(ctx, clock, $"replan: {reason} → {policy.Key} v{policy.Version} has no update target", ClockState.Stopped);
                return;
            }
            clock.PolicyKey = policy.Key;
            clock.PolicyVersion = policy.Version;
            clock.Calendar = policy.Calendar;
            clock.Target = target;
            FixWorkingTarget(clock); // from the clock's own start, so the elapsed business time keeps counting against it
            // The re-plan is a segment boundary too, so the explanation shows when the target changed.
            SwitchSegment(ctx, clock, clock.State == ClockState.Running, $"replan: {reason} → {policy.Key} v{policy.Version}");
            await PlanAsync(ctx, clock, policy);
            // The newer version may pause in other states than the old one did.
            if (subject.Status is { } status)
                await FollowStateAsync(ctx, clock, policy, status);
        });
}
