using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Sla;

/// What one transaction knows of a ticket's clocks: loaded once (clocks and their segments, tracked),
/// then changed in memory, so the step writes them with its one change set instead of saving mid-step
/// to read its own changes back. Kept beside the StepContext (a retry gets a fresh context and a fresh copy).
internal sealed partial class SlaClocks
{
    sealed class StepClocks
    {
        public readonly Dictionary<string, List<SlaClock>> ByTicket = new(StringComparer.Ordinal);
        public readonly Dictionary<Guid, List<SlaClockSegment>> Segments = [];
        /// Unfired timers this transaction planned, per clock: re-planning the same clock drops them again.
        public readonly Dictionary<Guid, List<SlaTimer>> Planned = [];
        /// Clocks whose stored unfired timers this transaction has already cancelled.
        public readonly HashSet<Guid> StoredTimersCancelled = [];
        /// The policy that covers (priority, service type), as this transaction read it.
        public readonly Dictionary<(string Priority, string? ServiceType), SlaPolicy?> PolicyFor = [];
    }

    static readonly ConditionalWeakTable<StepContext, StepClocks> steps = new();

    static StepClocks StepOf(StepContext ctx) => steps.GetValue(ctx, _ => new StepClocks());

    static async Task<List<SlaClock>> ClocksOfAsync(StepContext ctx, string businessKey)
    {
        var step = StepOf(ctx);
        if (step.ByTicket.TryGetValue(businessKey, out var known))
            return known;
        // A ticket this transaction creates has no clocks yet (its number is new): nothing to read.
        if (ctx.Db.Tracked<Features.Tickets.Ticket>().Any(e => e.State == EntityState.Added && e.Entity.Number == businessKey))
            return step.ByTicket[businessKey] = [];
        // Clocks and their segments in one round trip (both tracked: a projection of entities tracks them).
        var clocks = new List<SlaClock>();
        await foreach (var row in ClocksWithSegments(ctx.Db, businessKey))
        {
            clocks.Add(row.Clock);
            step.Segments[row.Clock.Id] = row.Segments;
        }
        step.ByTicket[businessKey] = clocks;
        return clocks;
    }

    sealed record ClockRow(SlaClock Clock, List<SlaClockSegment> Segments);

    /// Compiled once (every step of a ticket's workflow reads its clocks): clocks and their segments, one round trip.
    static readonly Func<ServiceFlowDbContext, string, IAsyncEnumerable<ClockRow>> ClocksWithSegments =
        EF.CompileAsyncQuery((ServiceFlowDbContext db, string businessKey) => db.Set<SlaClock>().Where(c => c.BusinessKey == businessKey)
            .Select(c => new ClockRow(c, db.Set<SlaClockSegment>().Where(s => s.ClockId == c.Id).OrderBy(s => s.Id).ToList())));

    static async Task AddClockAsync(StepContext ctx, SlaClock clock, SlaClockSegment first)
    {
        (await ClocksOfAsync(ctx, clock.BusinessKey)).Add(clock);
        StepOf(ctx).Segments[clock.Id] = [first];
        ctx.Db.Add(clock);
        ctx.Db.Add(first);
    }

    static List<SlaClockSegment> SegmentsOf(StepContext ctx, SlaClock clock) => StepOf(ctx).Segments[clock.Id];

    static void AddSegment(StepContext ctx, SlaClock clock, SlaClockSegment segment)
    {
        SegmentsOf(ctx, clock).Add(segment);
        ctx.Db.Add(segment);
    }

    /// Cancels the clock's unfired timers: the stored ones set-based with the step's change set, ahead of its rows
    /// (a timer a concurrent batch has just fired stays fired; its intent is dropped without a job when it comes
    /// due), those this transaction planned by not writing them, nor their intents, at all.
    static void CancelTimers(StepContext ctx, SlaClock clock)
    {
        var step = StepOf(ctx);
        if (step.Planned.Remove(clock.Id, out var planned))
            foreach (var timer in planned)
            {
                ctx.Db.Remove(timer);
                ctx.Forget(timer.Id);
            }
        if (ctx.Db.Entry(clock).State != EntityState.Added && step.StoredTimersCancelled.Add(clock.Id))
            ctx.WriteSetBased(CancelWaitingTimers, ctx.Now, clock.Id);
    }

    const string CancelWaitingTimers =
        """UPDATE serviceflow.sla_timers SET "CancelledAt" = $1 WHERE "ClockId" = $2 AND "FiredAt" IS NULL AND "CancelledAt" IS NULL""";

    static void AddPlanned(StepContext ctx, SlaClock clock, List<SlaTimer> timers)
    {
        if (timers.Count == 0)
            return;
        StepOf(ctx).Planned[clock.Id] = timers;
        ctx.Db.AddRange(timers);
        // One intent per clock, for its first timer: the window job that fires it fires whatever else is due then,
        // and the firing writes the intent of the clock's next timer (SlaEscalations.IntendNextAsync). A clock
        // stopped before its first timer leaves one intent behind, not one per rung of its ladder.
        var first = timers.MinBy(t => t.DueAt)!;
        ctx.Intend(SlaScheduler.Name, first.Id, first.DueAt); // a Hangfire job only once it comes due soon
    }
}
