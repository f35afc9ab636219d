using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// Starts, pauses, resumes, stops and re-plans clocks inside the caller's transaction. Every change is
/// a segment with its reason; every change of the due instant cancels the clock's unfired timers and
/// plans new ones, which Hangfire gets once the transaction has committed.
internal sealed class SlaClocks(SlaCalendars calendars, SlaScheduler scheduler)
{
    public async Task StartAsync(StepContext ctx, string businessKey, string name, string reason)
    {
        if (await FindAsync(ctx, businessKey, name) is not null)
            return; // re-entering the start node (e.g. review after a correction) keeps the clock running
        var (priority, serviceType) = await SubjectAsync(ctx, businessKey);
        // Without a policy there is nothing to measure against; the ticket itself must not fail.
        if (await PolicyForAsync(ctx, priority, serviceType) is not { } policy)
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
            Target = TargetOf(policy, name),
            StartedAt = ctx.Now,
        };
        ctx.Db.Add(clock);
        ctx.Db.Add(new SlaClockSegment { ClockId = clock.Id, Running = true, From = ctx.Now, Reason = reason, By = ctx.User });
        await ctx.Db.SaveChangesAsync();
        await PlanAsync(ctx, clock, policy);
    }

    public Task PauseAsync(StepContext ctx, string businessKey, string? name, string reason) =>
        ForEachAsync(ctx, businessKey, name, ClockState.Running, async clock =>
        {
            await SwitchSegmentAsync(ctx, clock, running: false, reason);
            clock.State = ClockState.Paused;
            clock.DueAt = null;
            await PlanAsync(ctx, clock, await PolicyOfAsync(ctx, clock));
        });

    public Task ResumeAsync(StepContext ctx, string businessKey, string? name, string reason) =>
        ForEachAsync(ctx, businessKey, name, ClockState.Paused, async clock =>
        {
            await SwitchSegmentAsync(ctx, clock, running: true, reason);
            clock.State = ClockState.Running;
            await PlanAsync(ctx, clock, await PolicyOfAsync(ctx, clock));
        });

    public Task StopAsync(StepContext ctx, string businessKey, string? name, string reason) =>
        ForEachAsync(ctx, businessKey, name, null, async clock =>
        {
            if (clock.State is not (ClockState.Running or ClockState.Paused))
                return;
            var segment = await OpenSegmentAsync(ctx, clock);
            segment.To = ctx.Now;
            segment.EndReason = reason;
            var elapsed = await ElapsedAsync(ctx, clock, ctx.Now);
            clock.State = elapsed <= clock.Target ? ClockState.Met : ClockState.Breached;
            clock.Overdue = clock.State == ClockState.Breached;
            clock.StoppedAt = ctx.Now;
            await ctx.Db.SaveChangesAsync();
            await PlanAsync(ctx, clock, await PolicyOfAsync(ctx, clock));
        });

    /// Moves open clocks to the newest policy for the subject's current priority and service type.
    public Task ReplanAsync(StepContext ctx, string businessKey, string reason) =>
        ForEachAsync(ctx, businessKey, null, null, async clock =>
        {
            if (clock.State is not (ClockState.Running or ClockState.Paused))
                return;
            var (priority, serviceType) = await SubjectAsync(ctx, businessKey);
            var policy = await PolicyForAsync(ctx, priority, serviceType)
                ?? throw RuntimeProblem.Conflict($"No SLA policy covers priority {priority}.");
            clock.PolicyKey = policy.Key;
            clock.PolicyVersion = policy.Version;
            clock.Calendar = policy.Calendar;
            clock.Target = TargetOf(policy, clock.Name);
            // The re-plan is a segment boundary too, so the explanation shows when the target changed.
            await SwitchSegmentAsync(ctx, clock, clock.State == ClockState.Running, $"replan: {reason} → {policy.Key} v{policy.Version}");
            await PlanAsync(ctx, clock, policy);
        });

    public async Task<TimeSpan> ElapsedAsync(StepContext ctx, SlaClock clock, DateTimeOffset at)
    {
        var calendar = calendars.Get(clock.Calendar);
        var segments = await ctx.Db.Set<SlaClockSegment>().Where(s => s.ClockId == clock.Id && s.Running && s.From < at).ToListAsync();
        return segments.Aggregate(TimeSpan.Zero, (sum, s) => sum + calendar.Between(s.From, s.To is { } to && to < at ? to : at));
    }

    async Task PlanAsync(StepContext ctx, SlaClock clock, SlaPolicy policy)
    {
        var timers = await ctx.Db.Set<SlaTimer>().Where(t => t.ClockId == clock.Id && t.CancelledAt == null).ToListAsync();
        var cancelled = new List<string>();
        foreach (var timer in timers.Where(t => t.FiredAt is null))
        {
            timer.CancelledAt = ctx.Now;
            if (timer.HangfireJobId is { } job)
                cancelled.Add(job);
        }
        var planned = new List<SlaTimer>();
        if (clock.State == ClockState.Running)
        {
            var calendar = calendars.Get(clock.Calendar);
            var open = await OpenSegmentAsync(ctx, clock);
            var before = await ElapsedAsync(ctx, clock, open.From);
            if (clock.Target > before)
                clock.DueAt = calendar.Add(open.From, clock.Target - before).ToUniversalTime();
            var fired = timers.Where(t => t.FiredAt is not null).Select(t => t.Kind).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (kind, offset) in SlaLadder.Moments(policy, clock.Target).Where(m => !fired.Contains(m.Kind)))
            {
                // A moment already passed (a shorter target after a priority change) falls due at once.
                var due = offset > before ? calendar.Add(open.From, offset - before).ToUniversalTime() : ctx.Now;
                planned.Add(new SlaTimer { Id = Guid.CreateVersion7(), ClockId = clock.Id, Kind = kind, DueAt = due < ctx.Now ? ctx.Now : due, CreatedAt = ctx.Now });
            }
            ctx.Db.AddRange(planned);
        }
        await ctx.Db.SaveChangesAsync();
        if (planned.Count > 0 || cancelled.Count > 0)
            ctx.AfterCommit.Add(() => scheduler.ScheduleAsync(planned.Select(t => (t.Id, t.DueAt)).ToList(), cancelled));
    }

    static async Task SwitchSegmentAsync(StepContext ctx, SlaClock clock, bool running, string reason)
    {
        var open = await OpenSegmentAsync(ctx, clock);
        open.To = ctx.Now;
        open.EndReason = reason;
        ctx.Db.Add(new SlaClockSegment { ClockId = clock.Id, Running = running, From = ctx.Now, Reason = reason, By = ctx.User });
        await ctx.Db.SaveChangesAsync();
    }

    static async Task<SlaClockSegment> OpenSegmentAsync(StepContext ctx, SlaClock clock) =>
        await ctx.Db.Set<SlaClockSegment>().Where(s => s.ClockId == clock.Id && s.To == null).OrderByDescending(s => s.Id).FirstAsync();

    static async Task ForEachAsync(StepContext ctx, string businessKey, string? name, ClockState? state, Func<SlaClock, Task> change)
    {
        var clocks = await ctx.Db.Set<SlaClock>()
            .Where(c => c.BusinessKey == businessKey && (name == null || c.Name == name) && (state == null || c.State == state))
            .OrderBy(c => c.Name).ToListAsync();
        foreach (var clock in clocks)
            await change(clock);
    }

    static Task<SlaClock?> FindAsync(StepContext ctx, string businessKey, string name) =>
        ctx.Db.Set<SlaClock>().SingleOrDefaultAsync(c => c.BusinessKey == businessKey && c.Name == name);

    static Task<SlaPolicy> PolicyOfAsync(StepContext ctx, SlaClock clock) =>
        ctx.Db.Set<SlaPolicy>().SingleAsync(p => p.Key == clock.PolicyKey && p.Version == clock.PolicyVersion);

    /// The newest version of the policy for this priority, preferring one written for the service type.
    public static Task<SlaPolicy?> PolicyForAsync(StepContext ctx, string priority, string? serviceType) =>
        ctx.Db.Set<SlaPolicy>()
            .Where(p => p.Priority == priority && (p.ServiceType == null || p.ServiceType == serviceType))
            .OrderBy(p => p.ServiceType == null).ThenByDescending(p => p.Version).FirstOrDefaultAsync();

    static async Task<(string Priority, string? ServiceType)> SubjectAsync(StepContext ctx, string businessKey)
    {
        var ticket = ctx.Db.ChangeTracker.Entries<Ticket>().Select(e => e.Entity).FirstOrDefault(t => t.Number == businessKey)
            ?? await ctx.Db.Set<Ticket>().SingleOrDefaultAsync(t => t.Number == businessKey);
        return ticket is null ? ("P3", null) : (ticket.Priority, ticket.ServiceType);
    }

    static TimeSpan TargetOf(SlaPolicy policy, string clockName) =>
        clockName.Equals("first-response", StringComparison.OrdinalIgnoreCase) ? policy.FirstResponse : policy.Resolution;
}
