using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// What a ticket's life does to its clocks: entering a state its policy version pauses in
/// (WaitingForCustomer, WaitingForVendor by default) pauses them, leaving it resumes them; a public
/// update to the customer starts the update clock's next interval.
internal sealed partial class SlaClocks
{
    public Task FollowStateAsync(StepContext ctx, string businessKey, string status) =>
        ForEachAsync(ctx, businessKey, null, null, async clock =>
        {
            if (clock.State is ClockState.Running or ClockState.Paused)
                await FollowStateAsync(ctx, clock, await PolicyOfAsync(ctx, clock), status);
        });

    async Task FollowStateAsync(StepContext ctx, SlaClock clock, SlaPolicy policy, string status)
    {
        var reason = $"state:{status}";
        var pauses = Pauses(policy, status);
        if (clock.State == ClockState.Running && pauses)
        {
            await PauseClockAsync(ctx, clock, reason, policy, status);
        }
        else if (clock.State == ClockState.Paused && clock.PausedByState is { } pausedBy)
        {
            // A clock paused by hand stays paused: only the state that paused it lets it run again.
            if (!pauses)
            {
                await ResumeClockAsync(ctx, clock, reason, policy);
            }
            else if (!pausedBy.Equals(status, StringComparison.OrdinalIgnoreCase))
            {
                // From one waiting state to another: still paused, and the explanation names the new state.
                SwitchSegment(ctx, clock, running: false, reason);
                clock.PausedByState = status;
            }
        }
    }

    /// A public update to the customer: the update clock counts its next interval from now.
    public Task RestartIntervalAsync(StepContext ctx, string businessKey, string reason) =>
        ForEachAsync(ctx, businessKey, Update, null, async clock =>
        {
            if (clock.State is not (ClockState.Running or ClockState.Paused))
                return;
            SwitchSegment(ctx, clock, clock.State == ClockState.Running, reason);
            clock.IntervalFrom = ctx.Now;
            clock.Overdue = false;
            FixWorkingTarget(clock);
            await PlanAsync(ctx, clock, await PolicyOfAsync(ctx, clock));
            SlaTasks.CloseOpen(ctx, clock, reason);
        });

    static bool Pauses(SlaPolicy policy, string status) => policy.PauseStates.Contains(status, StringComparer.OrdinalIgnoreCase);
}

/// Ticket status changes and customer updates reach the clocks through the tickets' one hook.
internal sealed class SlaTicketListener(SlaClocks clocks) : ITicketListener
{
    public Task StatusChangedAsync(StepContext ctx, Ticket ticket, TicketStatus from, TicketStatus to) =>
        clocks.FollowStateAsync(ctx, ticket.Number, to.ToString());

    public Task CustomerUpdatedAsync(StepContext ctx, Ticket ticket, TicketEntry update) =>
        clocks.RestartIntervalAsync(ctx, ticket.Number, $"update: {update.Detail} to {update.Extra}".Trim());
}
