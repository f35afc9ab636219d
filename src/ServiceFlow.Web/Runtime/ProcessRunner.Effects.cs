using ServiceFlow.Web.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;

namespace ServiceFlow.Web.Runtime;

internal sealed partial class ProcessRunner
{
    async Task ApplyAsync(StepContext ctx, ProcessInstance instance, InstanceState state, EngineEffect effect)
    {
        switch (effect)
        {
            case CreateUserTask t:
                var created = new UserTask
                {
                    Id = Guid.CreateVersion7(),
                    InstanceId = instance.Id,
                    EngineTaskId = t.TaskId,
                    ActivityId = t.ActivityId,
                    Name = t.Name ?? t.ActivityId,
                    WorkflowKey = instance.WorkflowKey,
                    BusinessKey = instance.BusinessKey,
                    CandidateGroups = [.. t.CandidateGroups],
                    CandidateUsers = [.. t.CandidateUsers],
                    Assignee = t.Assignee,
                    FormKey = t.FormKey,
                    Priority = t.Priority ?? 0,
                    DueAt = t.DueAt, // the engine counted sf:dueIn on the step's calendars
                    Documentation = t.Documentation,
                    Status = UserTaskStatus.Open,
                    CreatedAt = ctx.Now,
                };
                ctx.Db.UserTasks.Add(created);
                ctx.AddedTasks.Add(created);
                break;
            case CancelUserTask t:
                var task = await FindTaskAsync(ctx, instance.Id, t.TaskId);
                if (task is { Status: UserTaskStatus.Open })
                {
                    task.Status = UserTaskStatus.Cancelled;
                    task.CompletedAt = ctx.Now;
                }
                break;
            case ScheduleTimer t:
                AddBookmark(ctx, instance, BookmarkKind.Timer, t.TimerId, t.ActivityId, dueAt: t.DueAt);
                break;
            case CancelTimer t:
                await RemoveBookmarkAsync(ctx, instance.Id, t.TimerId);
                break;
            case SubscribeMessage m:
                var subscription = AddBookmark(ctx, instance, BookmarkKind.Message, m.SubscriptionId, m.ActivityId);
                subscription.MessageName = m.MessageName;
                // No sf:correlationKey: the instance's business key is the key (docs/bpmn-extensions.md, Message events).
                subscription.CorrelationKey = m.CorrelationKey ?? (m.ByBusinessKey ? instance.BusinessKey : null);
                break;
            case UnsubscribeMessage m:
                await RemoveBookmarkAsync(ctx, instance.Id, m.SubscriptionId);
                break;
            case SubscribeSignal s:
                AddBookmark(ctx, instance, BookmarkKind.Signal, s.SubscriptionId, s.ActivityId).MessageName = s.SignalName;
                break;
            case UnsubscribeSignal s:
                await RemoveBookmarkAsync(ctx, instance.Id, s.SubscriptionId);
                break;
            case BroadcastSignal s:
                await BroadcastSignalAsync(ctx, instance, s);
                break;
            case ThrowMessage m:
                await ThrowMessageAsync(ctx, instance, m);
                break;
            case ScheduleContinuation c:
                AddBookmark(ctx, instance, BookmarkKind.Continuation, c.ContinuationId, c.ActivityId, dueAt: ctx.Now);
                break;
            case ExecuteJob j:
                await ExecuteJobAsync(ctx, instance, state, j);
                break;
            case StartChildInstance c:
                await StartChildAsync(ctx, instance, c);
                break;
            case CancelChildInstance c:
                var child = await ctx.Db.ProcessInstances.SingleOrDefaultAsync(i => i.ParentInstanceId == instance.Id && i.ParentCallId == c.CallId);
                if (child is { Status: InstanceStatus.Running })
                    await StepAsync(ctx, child, new CancelInstance("The calling activity was cancelled."));
                await RemoveBookmarkAsync(ctx, instance.Id, c.CallId);
                break;
            case RaiseIncident i:
                ctx.Db.Incidents.Add(new IncidentRecord
                {
                    Id = Guid.CreateVersion7(),
                    InstanceId = instance.Id,
                    EngineIncidentId = i.IncidentId,
                    ActivityId = i.ActivityId,
                    Message = i.Message,
                    CreatedAt = ctx.Now,
                });
                log.LogWarning("Incident on instance {Instance} at {Activity}: {Message}", instance.Id, i.ActivityId, i.Message);
                break;
            case InstanceCompleted:
                await EndAsync(ctx, instance, new ChildCompleted(instance.ParentCallId ?? "", state.Variables));
                break;
            case InstanceTerminated:
                await EndAsync(ctx, instance, new ChildCompleted(instance.ParentCallId ?? "", state.Variables));
                break;
            case InstanceFailed f:
                await EndAsync(ctx, instance, new ChildFailed(instance.ParentCallId ?? "", f.Message));
                break;
            case ClockAction:
                break; // observed by the SLA feature through IStepObserver
        }
    }

    /// Inline handlers (mail, log) run inside this transaction, so their rows commit with the step;
    /// the others run later in a Hangfire job.
    async Task ExecuteJobAsync(StepContext ctx, ProcessInstance instance, InstanceState state, ExecuteJob job)
    {
        var handler = handlers.Find(job.JobType);
        if (handler is null)
        {
            ctx.Pending[instance.Id].Enqueue(new FailJob(job.JobId, $"No service-task handler named '{job.JobType}' is registered (known: {string.Join(", ", handlers.Names)})."));
            return;
        }
        if (!handler.RunsInline)
        {
            var bookmark = AddBookmark(ctx, instance, BookmarkKind.Job, job.JobId, job.ActivityId, dueAt: ctx.Now);
            bookmark.JobType = job.JobType;
            bookmark.Payload = JsonSerializer.Serialize(job.Properties, InstanceStateJson.Options);
            return;
        }
        ctx.Pending[instance.Id].Enqueue(await RunHandlerAsync(ctx, instance, state.Variables, handler, job.JobId, job.ActivityId, job.Properties));
    }

    static async Task<EngineCommand> RunHandlerAsync(StepContext ctx, ProcessInstance instance, IReadOnlyDictionary<string, JsonElement> variables,
        IServiceTaskHandler handler, string jobId, string activityId, IReadOnlyDictionary<string, JsonElement> properties)
    {
        try
        {
            var output = await handler.ExecuteAsync(new ServiceTaskContext(ctx, instance, activityId, jobId, properties, variables));
            return new CompleteJob(jobId, output);
        }
        catch (Exception ex) when (ex is not DbUpdateException)
        {
            return new FailJob(jobId, $"{handler.Type}: {ex.Message}");
        }
    }

    async Task StartChildAsync(StepContext ctx, ProcessInstance parent, StartChildInstance call)
    {
        AddBookmark(ctx, parent, BookmarkKind.Child, call.CallId, call.ActivityId);
        var definition = await definitions.LatestAsync(ctx.Db, call.CalledElement);
        if (definition is null)
        {
            ctx.Pending[parent.Id].Enqueue(new ChildFailed(call.CallId, $"Call activity '{call.ActivityId}' calls '{call.CalledElement}', but no workflow with that key is published."));
            return;
        }
        var child = NewInstance(ctx, definition, parent.BusinessKey);
        child.ParentInstanceId = parent.Id;
        child.ParentCallId = call.CallId;
        await StepAsync(ctx, child, new StartInstance(call.Variables));
    }

    async Task EndAsync(StepContext ctx, ProcessInstance instance, EngineCommand toParent)
    {
        instance.EndedAt = ctx.Now;
        if (!ctx.WithoutStoredBookmarks.Contains(instance.Id))
        {
            var leftovers = await ctx.Db.Bookmarks.Where(b => b.InstanceId == instance.Id).ToListAsync();
            foreach (var bookmark in leftovers.Where(b => ctx.Db.Entry(b).State != EntityState.Deleted))
                RemoveBookmark(ctx, bookmark);
        }
        foreach (var bookmark in ctx.AddedBookmarks.Where(b => b.InstanceId == instance.Id).ToList())
        {
            var entry = ctx.Db.Entry(bookmark);
            if (entry.State == EntityState.Added)
                entry.State = EntityState.Detached;
            ctx.AddedBookmarks.Remove(bookmark);
            ctx.Forget(bookmark.Id);
        }
        if (instance.ParentInstanceId is not { } parentId)
            return;
        var parent = await ctx.Db.ProcessInstances.SingleAsync(i => i.Id == parentId);
        await RemoveBookmarkAsync(ctx, parentId, instance.ParentCallId!);
        if (parent.Status == InstanceStatus.Running)
            await StepAsync(ctx, parent, toParent);
    }

    static Bookmark AddBookmark(StepContext ctx, ProcessInstance instance, BookmarkKind kind, string engineId, string activityId, DateTimeOffset? dueAt = null)
    {
        var bookmark = new Bookmark
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            Kind = kind,
            EngineId = engineId,
            ActivityId = activityId,
            DueAt = dueAt,
            CreatedAt = ctx.Now,
        };
        ctx.Db.Bookmarks.Add(bookmark);
        ctx.AddedBookmarks.Add(bookmark);
        if (kind is BookmarkKind.Timer or BookmarkKind.Continuation or BookmarkKind.Job)
            ctx.Intend(BookmarkIntents.Name, bookmark.Id, dueAt ?? ctx.Now);
        return bookmark;
    }

    static async Task RemoveBookmarkAsync(StepContext ctx, Guid instanceId, string engineId)
    {
        var tracked = ctx.Db.Tracked<Bookmark>()
            .FirstOrDefault(e => e.Entity.InstanceId == instanceId && e.Entity.EngineId == engineId && e.State != EntityState.Deleted);
        if (tracked is { State: EntityState.Added })
        {
            tracked.State = EntityState.Detached;
            ctx.Forget(tracked.Entity.Id);
            return;
        }
        var bookmark = tracked?.Entity ?? await ctx.Db.Bookmarks.SingleOrDefaultAsync(b => b.InstanceId == instanceId && b.EngineId == engineId);
        if (bookmark is not null)
            RemoveBookmark(ctx, bookmark);
    }

    /// Its intent stays: the dispatcher drops it without a job (or the job, if one was made, finds no bookmark).
    static void RemoveBookmark(StepContext ctx, Bookmark bookmark) => ctx.Db.Bookmarks.Remove(bookmark);

    static async Task<UserTask?> FindTaskAsync(StepContext ctx, Guid instanceId, string engineTaskId) =>
        ctx.Db.Tracked<UserTask>().Select(e => e.Entity).FirstOrDefault(t => t.InstanceId == instanceId && t.EngineTaskId == engineTaskId)
        ?? await ctx.Db.UserTasks.SingleOrDefaultAsync(t => t.InstanceId == instanceId && t.EngineTaskId == engineTaskId);

    static ProcessInstance NewInstance(StepContext ctx, WorkflowDefinition definition, string? businessKey)
    {
        var instance = new ProcessInstance
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = definition.Id,
            WorkflowKey = definition.Key,
            Version = definition.Version,
            BusinessKey = businessKey,
            Status = InstanceStatus.Running,
            State = InstanceStateJson.Serialize(InstanceState.New),
            StartedAt = ctx.Now,
            StartedBy = ctx.User,
        };
        ctx.Db.ProcessInstances.Add(instance);
        ctx.WithoutStoredBookmarks.Add(instance.Id);
        return instance;
    }
}
