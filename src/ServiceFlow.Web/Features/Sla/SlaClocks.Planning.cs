using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Calendar;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// Timers, elapsed business time and the lookups the clock operations share.
internal sealed partial class SlaClocks
{
    TimeSpan Elapsed(StepContext ctx, SlaClock clock, DateTimeOffset at) =>
        Elapsed(clock, SegmentsOf(ctx, clock), calendars.Get(clock.Calendar), at);

    /// Σ business time of the running segments up to `at`; for the update clock only those of its current interval.
    public static TimeSpan Elapsed(SlaClock clock, IEnumerable<SlaClockSegment> segments, BusinessCalendar calendar, DateTimeOffset at) =>
        segments.Where(s => s.ClockId == clock.Id && s.Running && s.From < at && (clock.IntervalFrom == null || s.From >= clock.IntervalFrom))
            .Aggregate(TimeSpan.Zero, (sum, s) => sum + calendar.Between(s.From, s.To is { } to && to < at ? to : at));

    async Task PlanAsync(StepContext ctx, SlaClock clock, SlaPolicy policy)
    {
        CancelTimers(ctx, clock);
        if (clock.State != ClockState.Running)
            return;
        var calendar = calendars.Get(clock.Calendar);
        var open = OpenSegment(ctx, clock);
        var before = Elapsed(ctx, clock, open.From);
        if (clock.WorkingTarget > before)
            clock.DueAt = calendar.Add(open.From, clock.WorkingTarget - before).ToUniversalTime();
        var interval = clock.IntervalFrom;
        // Timers are fired by their own jobs, never inside a step: the stored rows say which have fired.
        var fired = ctx.Db.Entry(clock).State == EntityState.Added ? []
            : (await ctx.Db.Set<SlaTimer>().Where(t => t.ClockId == clock.Id && t.FiredAt != null && (interval == null || t.CreatedAt >= interval))
                .Select(t => t.Kind).ToListAsync()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // "breach+P1D" is one working day after the due instant the clock would have without pauses.
        var nominalDue = calendar.Add(clock.IntervalFrom ?? clock.StartedAt, clock.WorkingTarget);
        var moments = SlaLadder.Moments(policy, clock.WorkingTarget, after => calendar.WorkingTime(nominalDue, BusinessDuration.FromTimeSpan(after)));
        var planned = new List<SlaTimer>();
        foreach (var (kind, offset) in moments.Where(m => !fired.Contains(m.Kind)))
        {
            // A moment already passed (a shorter target after a priority change) falls due at once.
            var due = offset > before ? calendar.Add(open.From, offset - before).ToUniversalTime() : ctx.Now;
            planned.Add(new SlaTimer { Id = Guid.CreateVersion7(), ClockId = clock.Id, Kind = kind, DueAt = due < ctx.Now ? ctx.Now : due, CreatedAt = ctx.Now });
        }
        AddPlanned(ctx, clock, planned);
    }

    static void SwitchSegment(StepContext ctx, SlaClock clock, bool running, string reason)
    {
        var open = OpenSegment(ctx, clock);
        open.To = ctx.Now;
        open.EndReason = reason;
        AddSegment(ctx, clock, new SlaClockSegment { ClockId = clock.Id, Running = running, From = ctx.Now, Reason = reason, By = ctx.User });
    }

    /// The running or paused segment: the one without an end (the last one added, should there be two).
    static SlaClockSegment OpenSegment(StepContext ctx, SlaClock clock) => SegmentsOf(ctx, clock).Last(s => s.To == null);

    /// `name` null: every clock; `resolution` includes the update clock that runs alongside it.
    static async Task ForEachAsync(StepContext ctx, string businessKey, string? name, ClockState? state, Func<SlaClock, Task> change)
    {
        var withUpdate = name == Resolution;
        var clocks = (await ClocksOfAsync(ctx, businessKey))
            .Where(c => (name == null || c.Name == name || (withUpdate && c.Name == Update)) && (state == null || c.State == state))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        foreach (var clock in clocks)
            await change(clock);
    }

    static async Task<SlaClock?> FindAsync(StepContext ctx, string businessKey, string name) =>
        (await ClocksOfAsync(ctx, businessKey)).SingleOrDefault(c => c.Name == name);

    /// A policy version is never changed once written (a change is a new version), so each node reads it once.
    readonly System.Collections.Concurrent.ConcurrentDictionary<(string Key, int Version), SlaPolicy> policyVersions = new();

    async Task<SlaPolicy> PolicyOfAsync(StepContext ctx, SlaClock clock)
    {
        if (policyVersions.TryGetValue((clock.PolicyKey, clock.PolicyVersion), out var known))
            return known;
        var policy = await ctx.Db.Set<SlaPolicy>().AsNoTracking().SingleAsync(p => p.Key == clock.PolicyKey && p.Version == clock.PolicyVersion);
        return policyVersions.GetOrAdd((policy.Key, policy.Version), policy);
    }

    /// The newest version of the policy for this priority, preferring one written for the service type.
    /// Read once per transaction (a ticket's response and resolution clocks start in the same step).
    public static async Task<SlaPolicy?> PolicyForAsync(StepContext ctx, string priority, string? serviceType)
    {
        var known = StepOf(ctx).PolicyFor;
        if (known.TryGetValue((priority, serviceType), out var policy))
            return policy;
        return known[(priority, serviceType)] = await CoveringPolicy(ctx.Db, priority, serviceType);
    }

    /// The policy of a priority for a service type (or for any type), its newest version; compiled once, as a ticket's
    /// creation and each of its status changes ask it.
    static readonly Func<ServiceFlowDbContext, string, string?, Task<SlaPolicy?>> CoveringPolicy =
        EF.CompileAsyncQuery((ServiceFlowDbContext db, string priority, string? serviceType) => db.Set<SlaPolicy>()
            .Where(p => p.Priority == priority && (p.ServiceType == null || p.ServiceType == serviceType))
            .OrderBy(p => p.ServiceType == null).ThenByDescending(p => p.Version).FirstOrDefault());

    static async Task<(string Priority, string? ServiceType, string? Status)> SubjectAsync(StepContext ctx, string businessKey)
    {
        var ticket = await TicketService.FindInStepAsync(ctx, businessKey);
        return ticket is null ? ("P3", null, null) : (ticket.Priority, ticket.ServiceType, ticket.Status.ToString());
    }

    /// Elapsed working time as working days and hours, counted from the clock's (or interval's) start.
    public static BusinessDuration AsDays(SlaClock clock, BusinessCalendar calendar, TimeSpan workingTime)
    {
        var from = clock.IntervalFrom ?? clock.StartedAt;
        return workingTime > TimeSpan.Zero ? calendar.Difference(from, calendar.Add(from, workingTime)) : BusinessDuration.Zero;
    }

    /// What is left of a clock at `at` as people count it (to its due instant while it runs), and whether that is
    /// time past the target instead (from the due instant on, or the excess of a stopped or paused clock).
    public static (BusinessDuration Left, bool Late) Remaining(SlaClock clock, BusinessCalendar calendar, TimeSpan workingLeft, DateTimeOffset at)
    {
        if (clock.State == ClockState.Running && clock.DueAt is { } due)
            return due >= at ? (calendar.Difference(at, due), false) : (calendar.Difference(due, at), true);
        var amount = workingLeft.Duration();
        return (amount > TimeSpan.Zero ? calendar.Difference(at, calendar.Add(at, amount)) : BusinessDuration.Zero, workingLeft < TimeSpan.Zero);
    }

    /// The policy's target as working time from the clock's start (the update clock: from its interval's start).
    void FixWorkingTarget(SlaClock clock) =>
        clock.WorkingTarget = calendars.Get(clock.Calendar).WorkingTime(clock.IntervalFrom ?? clock.StartedAt, BusinessDuration.FromTimeSpan(clock.Target));

    static TimeSpan? TargetOf(SlaPolicy policy, string clockName) =>
        clockName.Equals(FirstResponse, StringComparison.OrdinalIgnoreCase) ? policy.FirstResponse
        : clockName.Equals(Update, StringComparison.OrdinalIgnoreCase) ? policy.UpdateEvery
        : policy.Resolution;
}
