using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

internal sealed partial class ProcessRunner
{
    /// A signal thrown in `thrower` is broadcast: every other instance subscribed to its name receives it (rows
    /// stored before this transaction and rows it added), then the latest version of each workflow with a signal
    /// start event of that name is started. The engine already triggered the thrower's own subscriptions.
    async Task BroadcastSignalAsync(StepContext ctx, ProcessInstance thrower, BroadcastSignal signal)
    {
        var stored = await ctx.Db.Bookmarks
            .Where(b => b.Kind == BookmarkKind.Signal && b.MessageName == signal.SignalName && b.InstanceId != thrower.Id)
            .OrderBy(b => b.CreatedAt).ToListAsync();
        var added = ctx.AddedBookmarks.Where(b => b.Kind == BookmarkKind.Signal && b.MessageName == signal.SignalName && b.InstanceId != thrower.Id);
        foreach (var subscription in stored.Concat(added).DistinctBy(b => b.Id).ToList())
        {
            if (ctx.Db.Entry(subscription).State is EntityState.Deleted or EntityState.Detached)
                continue; // delivered or cancelled earlier in this transaction
            var instance = await ctx.Db.ProcessInstances.FindAsync(subscription.InstanceId);
            await RemoveBookmarkAsync(ctx, subscription.InstanceId, subscription.EngineId);
            if (instance is { Status: InstanceStatus.Running })
                await StepAsync(ctx, instance, new ReceiveSignal(subscription.EngineId, signal.Variables));
        }

        var latest = await ctx.Db.WorkflowDefinitions.AsNoTracking()
            .GroupBy(d => d.Key).Select(g => g.OrderByDescending(d => d.Version).First()).ToListAsync();
        foreach (var definition in latest)
        {
            var process = await definitions.GetAsync(definition.Id);
            foreach (var start in process.SignalStartEvents.Where(n => n.SignalRef is { } s && process.SignalName(s) == signal.SignalName))
            {
                var instance = NewInstance(ctx, definition, businessKey: null);
                await StepAsync(ctx, instance, new StartInstance(signal.Variables, start.Id));
            }
        }
    }

    /// A message throw or end event: correlated like POST /api/messages. Without sf:correlationKey the throwing
    /// instance's business key is the key, so a ticket's processes reach each other.
    Task ThrowMessageAsync(StepContext ctx, ProcessInstance thrower, ThrowMessage message) =>
        CorrelateInAsync(ctx, message.MessageName, message.CorrelationKey ?? (message.ByBusinessKey ? thrower.BusinessKey : null), message.Variables);
}
