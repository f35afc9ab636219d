using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

/// Sets a process variable of a running instance outside a step, in the caller's transaction: the engine's
/// state, which later steps read, and the copy that queries and pages read. The instance's row version
/// guards it like any step's write.
internal static class InstanceVariables
{
    /// False (and nothing changed) when there is no such instance or it has ended.
    public static async Task<bool> SetAsync(StepContext ctx, Guid instanceId, string name, JsonElement value, CancellationToken ct)
    {
        var instance = ctx.Db.Tracked<ProcessInstance>().Select(e => e.Entity).FirstOrDefault(i => i.Id == instanceId)
            ?? await ctx.Db.ProcessInstances.SingleOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null || instance.Status != InstanceStatus.Running)
            return false;
        var state = InstanceStateJson.Deserialize(instance.State);
        state = state with { Variables = state.Variables.SetItem(name, value.Clone()) };
        instance.State = InstanceStateJson.Serialize(state);
        instance.Variables = Variables.Serialize(state.Variables);
        return true;
    }
}
