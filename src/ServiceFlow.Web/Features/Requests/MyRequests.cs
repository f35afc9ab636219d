using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Requests;

/// The requests a person made (instances they started without a business record behind them), newest first,
/// with where each one is now: its open tasks and the groups or people they wait for.
internal sealed class MyRequests(ServiceFlowDbContext db, WorkflowText text)
{
    public const int Max = 100;

    public sealed record WaitingTask(Guid Id, string Name, IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers, string? Assignee);
    public sealed record Item(Guid InstanceId, string WorkflowKey, string Name, InstanceStatus Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
        IReadOnlyList<WaitingTask> OpenTasks);

    public async Task<IReadOnlyList<Item>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var me = user.Identity?.Name ?? "";
        var instances = await db.ProcessInstances.AsNoTracking()
            .Where(i => i.StartedBy == me && i.BusinessKey == null && i.ParentInstanceId == null)
            .OrderByDescending(i => i.StartedAt).Take(Max)
            .Select(i => new { i.Id, i.DefinitionId, i.WorkflowKey, i.Status, i.StartedAt, i.EndedAt }).ToListAsync(ct);
        var ids = instances.Select(i => (Guid?)i.Id).ToList();
        var open = await db.UserTasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId) && t.Status == UserTaskStatus.Open).ToListAsync(ct);
        var names = await text.TaskNamesAsync(db, open, ct);
        var items = new List<Item>();
        foreach (var i in instances)
            items.Add(new Item(i.Id, i.WorkflowKey, await text.ProcessNameAsync(i.DefinitionId, ct) ?? i.WorkflowKey, i.Status, i.StartedAt, i.EndedAt,
                [.. open.Where(t => t.InstanceId == i.Id).Select(t => new WaitingTask(t.Id, names[t.Id], t.CandidateGroups, t.CandidateUsers, t.Assignee))]));
        return items;
    }
}
