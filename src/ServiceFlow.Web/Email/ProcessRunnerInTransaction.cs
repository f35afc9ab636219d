using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;

namespace ServiceFlow.Web.Runtime;

// Kept here (beside the IMAP intake and the surveys that need it) to stay out of Runtime/ while the
// runtime is worked on elsewhere; it belongs in Runtime/ next to ProcessRunner.Operations.cs.
internal sealed partial class ProcessRunner
{
    /// CorrelateAsync inside a transaction the caller already holds, so the message and the caller's
    /// own rows (a survey answer, a stored inbound mail, a mailbox's last UID) commit together.
    internal async Task<List<Guid>> CorrelateInAsync(StepContext ctx, string messageName, string? correlationKey,
        IReadOnlyDictionary<string, JsonElement>? variables, CancellationToken ct = default)
    {
        var subscriptions = await ctx.Db.Bookmarks
            .Where(b => b.Kind == BookmarkKind.Message && b.MessageName == messageName && b.CorrelationKey == correlationKey)
            .OrderBy(b => b.CreatedAt).ToListAsync(ct);
        var reached = new List<Guid>();
        foreach (var subscription in subscriptions)
        {
            var instance = await ctx.Db.ProcessInstances.SingleAsync(i => i.Id == subscription.InstanceId, ct);
            RemoveBookmark(ctx, subscription);
            var result = await StepAsync(ctx, instance, new CorrelateMessage(subscription.EngineId, variables ?? Variables.None));
            if (!result.Ignored)
                reached.Add(instance.Id);
        }
        return reached;
    }

    /// StartAsync inside the caller's transaction; null when no workflow with that key is published.
    internal async Task<ProcessInstance?> StartInAsync(StepContext ctx, string workflowKey, string? businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables, CancellationToken ct = default)
    {
        var definition = await ctx.Db.WorkflowDefinitions.AsNoTracking().Where(d => d.Key == workflowKey)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (definition is null)
            return null;
        var instance = NewInstance(ctx, definition, businessKey);
        await StepAsync(ctx, instance, new StartInstance(variables ?? Variables.None));
        return instance;
    }
}
