using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Engine.Model;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

internal sealed partial class ProcessRunner
{
    /// A started instance and the user tasks its first step opened (so a caller can go straight to them).
    public sealed record Started(ProcessInstance Instance, IReadOnlyList<Guid> OpenTaskIds);

    public Task<Started> StartAsync(string workflowKey, int? version, string? businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables, string? user, CancellationToken ct = default) =>
        InDeferredTransactionAsync(user, ctx => StartInAsync(ctx, workflowKey, version, businessKey, variables, ct), ct);

    /// Starts an instance inside a transaction the caller already holds (e.g. with the ticket it belongs to).
    internal async Task<Started> StartInAsync(StepContext ctx, string workflowKey, int? version, string? businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables, CancellationToken ct = default)
    {
        // Only the columns a new instance needs: the XML is parsed once per node and cached by id,
        // and the latest version of a key is cached for a second.
        var definition = version is { } v
            ? await ctx.Db.WorkflowDefinitions.AsNoTracking().Where(d => d.Key == workflowKey && d.Version == v)
                .Select(DefinitionStore.Header).FirstOrDefaultAsync(ct)
            : await definitions.LatestAsync(ctx.Db, workflowKey, ct);
        if (definition is null)
            throw RuntimeProblem.NotFound(version is null
                ? $"No workflow with key '{workflowKey}' is published."
                : $"Workflow '{workflowKey}' has no version {version}.");
        var instance = NewInstance(ctx, definition, businessKey);
        await StepAsync(ctx, instance, new StartInstance(variables ?? Variables.None));
        var opened = OpenedBy(ctx, instance);
        return new Started(instance, opened);
    }

    /// Starts a given version at a given process-level start event (a timer start) inside the caller's transaction.
    internal async Task<Started> StartAtInAsync(StepContext ctx, WorkflowDefinition definition, string startEventId, string? businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables)
    {
        var instance = NewInstance(ctx, definition, businessKey);
        await StepAsync(ctx, instance, new StartInstance(variables ?? Variables.None, startEventId));
        var opened = OpenedBy(ctx, instance);
        return new Started(instance, opened);
    }

    sealed record TaskWithInstance(UserTask Task, ProcessInstance Instance, bool HasBookmarks);

    /// Compiled once: the completion's lookup skips EF's per-call expression-tree cache lookup.
    static readonly Func<ServiceFlowDbContext, Guid, CancellationToken, Task<TaskWithInstance?>> FindTaskWithInstance =
        EF.CompileAsyncQuery((ServiceFlowDbContext db, Guid taskId, CancellationToken ct) => db.UserTasks.Where(t => t.Id == taskId)
            .Join(db.ProcessInstances, t => t.InstanceId, i => i.Id, (t, i) => new TaskWithInstance(t, i, db.Bookmarks.Any(b => b.InstanceId == i.Id)))
            .SingleOrDefault());

    /// The user tasks the instance's first step opened (and did not close again within the step).
    static List<Guid> OpenedBy(StepContext ctx, ProcessInstance instance) =>
        [.. ctx.AddedTasks.Where(t => t.InstanceId == instance.Id && ctx.Db.Entry(t).State == EntityState.Added).Select(t => t.Id)];

    /// Completes a task as `user`. `form`, when given, turns what the person entered into the variables the
    /// task's form declares (or refuses it with a 400), against the task as this transaction reads it.
    public Task<ProcessInstance> CompleteTaskAsync(Guid taskId, IReadOnlyDictionary<string, JsonElement>? variables, ClaimsPrincipal user,
        TaskForm? form = null, CancellationToken ct = default) =>
        InDeferredTransactionAsync(user.Identity?.Name, async ctx =>
        {
            // One round trip for the task, its instance and whether the instance has bookmark rows:
            // completing is the inbox's hot path, and often ends the instance.
            // First try: the copy this node wrote when it created the task, if it has one (no read).
            // A stale copy fails the row-version guards on write and the retry reads; a refusal based
            // on the copy is not trusted either: the retry decides from the database.
            var cached = ctx.Attempt == 1 && completions.TryTake(taskId, out var hit) ? hit : null;
            UserTask task;
            ProcessInstance instance;
            if (cached is not null)
            {
                (task, instance) = (cached.Task, cached.Instance);
                ctx.Db.Attach(instance);
                ctx.Db.Attach(task);
                ctx.WithoutStoredBookmarks.Add(instance.Id); // only a step of this instance adds them, and that changes its xmin
            }
            else
            {
                var found = await FindTaskWithInstance(ctx.Db, taskId, ct)
                    ?? throw RuntimeProblem.NotFound($"There is no task {taskId}.");
                (task, instance) = (found.Task, found.Instance);
                if (!found.HasBookmarks)
                    ctx.WithoutStoredBookmarks.Add(instance.Id);
            }
            try
            {
                TaskAccess.Complete(task, user, ctx);
                var entered = form is null ? variables ?? Variables.None : await form(ctx, task, variables ?? Variables.None, user);
                var result = await StepAsync(ctx, instance, new CompleteUserTask(task.EngineTaskId, entered, ctx.User));
                if (result.Ignored)
                    throw RuntimeProblem.Conflict($"Task '{task.Name}' is no longer waiting in its process; it was not completed.");
            }
            catch (RuntimeProblem) when (cached is not null)
            {
                throw new DbUpdateConcurrencyException("The cached copy of the task was refused; reading it from the database.");
            }
            return instance;
        }, ct);

    /// Claims a task for `user`, or (supervisors and administrators) assigns it to `assignTo`, who must be
    /// able to work it: a candidate (by name or group) or a supervisor/administrator.
    public Task<UserTask> ClaimAsync(Guid taskId, ClaimsPrincipal user, ClaimsPrincipal? assignTo = null, CancellationToken ct = default) =>
        InTransactionAsync(user.Identity?.Name, async ctx =>
        {
            var task = await OpenTaskAsync(ctx, taskId, ct);
            var target = assignTo?.Identity?.Name ?? ctx.User!;
            if (assignTo is not null && !TaskAccess.IsManager(user))
                throw RuntimeProblem.Forbidden("Only supervisors and administrators can assign a task to someone else.");
            if (assignTo is not null && !TaskAccess.IsCandidate(task, assignTo) && !TaskAccess.IsManager(assignTo))
                throw RuntimeProblem.BadRequest($"{target} cannot work task '{task.Name}': it is for "
                    + $"{string.Join(", ", task.CandidateGroups.Concat(task.CandidateUsers).DefaultIfEmpty("supervisors"))}, and {target} is none of them.");
            if (assignTo is null && !TaskAccess.CanWork(task, user))
                throw RuntimeProblem.Forbidden($"Task '{task.Name}' is not offered to you.");
            if (task.Assignee is { } current && assignTo is null && !string.Equals(current, target, StringComparison.OrdinalIgnoreCase))
                throw RuntimeProblem.Conflict($"Task '{task.Name}' is already claimed by {current}.");
            var previous = task.Assignee;
            task.Assignee = target;
            if (assignTo is not null && previous is not null && !string.Equals(previous, target, StringComparison.OrdinalIgnoreCase))
                foreach (var observer in assignmentObservers)
                    await observer.OnReassignedAsync(ctx, task, previous, ct);
            return task;
        }, ct);

    public Task<UserTask> UnclaimAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct = default) =>
        InTransactionAsync(user.Identity?.Name, async ctx =>
        {
            var task = await OpenTaskAsync(ctx, taskId, ct);
            if (!string.Equals(task.Assignee, ctx.User, StringComparison.OrdinalIgnoreCase) && !TaskAccess.IsManager(user))
                throw RuntimeProblem.Forbidden($"Task '{task.Name}' is claimed by {task.Assignee ?? "nobody"}, not by you.");
            task.Assignee = null;
            return task;
        }, ct);

    static async Task<UserTask> OpenTaskAsync(StepContext ctx, Guid taskId, CancellationToken ct)
    {
        var task = await ctx.Db.UserTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct)
            ?? throw RuntimeProblem.NotFound($"There is no task {taskId}.");
        return task.Status == UserTaskStatus.Open ? task
            : throw RuntimeProblem.Conflict($"Task '{task.Name}' is {task.Status.ToString().ToLowerInvariant()}.");
    }

    /// Delivers a message to every instance waiting for it (name and correlation key); when none
    /// waits, starts the latest version of each workflow with a message start event of that name
    /// (the correlation key becomes the new instance's business key). `accepts`, when given, says which
    /// definitions may receive it (the API passes who may send what; features raise their own messages).
    public Task<List<Guid>> CorrelateAsync(string messageName, string? correlationKey, IReadOnlyDictionary<string, JsonElement>? variables,
        string? user, Func<ProcessDefinition, bool>? accepts = null, CancellationToken ct = default) =>
        InTransactionAsync(user, ctx => CorrelateInAsync(ctx, messageName, correlationKey, variables, accepts, ct), ct);

    /// CorrelateAsync inside a transaction the caller already holds, so the message and the caller's
    /// own rows (a survey answer, a stored inbound mail, a mailbox's last UID) commit together.
    internal async Task<List<Guid>> CorrelateInAsync(StepContext ctx, string messageName, string? correlationKey,
        IReadOnlyDictionary<string, JsonElement>? variables, Func<ProcessDefinition, bool>? accepts = null, CancellationToken ct = default)
    {
        var stored = await ctx.Db.Bookmarks
            .Where(b => b.Kind == BookmarkKind.Message && b.MessageName == messageName && b.CorrelationKey == correlationKey)
            .OrderBy(b => b.CreatedAt).ToListAsync(ct);
        // A message thrown by a process (ThrowMessage) can be for a subscription this same transaction added.
        var subscriptions = stored.Concat(ctx.AddedBookmarks.Where(b => b.Kind == BookmarkKind.Message && b.MessageName == messageName
            && b.CorrelationKey == correlationKey)).DistinctBy(b => b.Id).Where(b => ctx.Db.Entry(b).State is not (EntityState.Deleted or EntityState.Detached)).ToList();
        var reached = new List<Guid>();
        var waiting = 0;
        foreach (var subscription in subscriptions)
        {
            if (ctx.Db.Entry(subscription).State is EntityState.Deleted or EntityState.Detached)
                continue; // an earlier delivery in this loop cancelled it
            var instance = await ctx.Db.ProcessInstances.FindAsync([subscription.InstanceId], ct)
                ?? throw new InvalidOperationException($"Bookmark {subscription.Id} names no instance.");
            if (accepts is not null && !accepts(await definitions.GetAsync(instance.DefinitionId, ct)))
                continue;
            waiting++;
            await RemoveBookmarkAsync(ctx, subscription.InstanceId, subscription.EngineId);
            var result = await StepAsync(ctx, instance, new CorrelateMessage(subscription.EngineId, variables ?? Variables.None));
            if (!result.Ignored)
                reached.Add(instance.Id);
        }
        if (waiting == 0)
            reached.AddRange(await StartByMessageAsync(ctx, messageName, correlationKey, variables, accepts, ct));
        return reached;
    }

    /// StartInAsync for an optional workflow: null when none with that key is published.
    internal async Task<ProcessInstance?> TryStartInAsync(StepContext ctx, string workflowKey, string? businessKey,
        IReadOnlyDictionary<string, JsonElement>? variables, CancellationToken ct = default) =>
        await definitions.LatestAsync(ctx.Db, workflowKey, ct) is null // cached for a moment, as StartInAsync's own lookup
            ? null
            : (await StartInAsync(ctx, workflowKey, null, businessKey, variables, ct)).Instance;

    async Task<List<Guid>> StartByMessageAsync(StepContext ctx, string messageName, string? correlationKey,
        IReadOnlyDictionary<string, JsonElement>? variables, Func<ProcessDefinition, bool>? accepts, CancellationToken ct)
    {
        var latest = await ctx.Db.WorkflowDefinitions.AsNoTracking()
            .GroupBy(d => d.Key).Select(g => g.OrderByDescending(d => d.Version).First()).ToListAsync(ct);
        var started = new List<Guid>();
        foreach (var definition in latest)
        {
            var process = await definitions.GetAsync(definition.Id, ct);
            var start = process.MessageStartEvents.FirstOrDefault(n => n.MessageRef is { } m && process.MessageName(m) == messageName);
            if (start is null || (accepts is not null && !accepts(process)))
                continue;
            var instance = NewInstance(ctx, definition, correlationKey);
            await StepAsync(ctx, instance, new StartInstance(variables ?? Variables.None, start.Id));
            started.Add(instance.Id);
        }
        return started;
    }

    /// A timer came due, an async continuation or job is to run: the Hangfire job lands here.
    /// A bookmark that is gone (fired already, cancelled) makes this a no-op.
    public async Task ResumeBookmarkAsync(Guid bookmarkId, CancellationToken ct = default)
    {
        await WaitUntilDueAsync(bookmarkId, ct);
        await ResumeDueBookmarkAsync(bookmarkId, ct);
    }

    /// Hangfire keeps due times in whole seconds and may start a job up to a second early; a timer
    /// must never fire before its instant, so the last moment is waited out here.
    async Task WaitUntilDueAsync(Guid bookmarkId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var due = await scope.ServiceProvider.GetRequiredService<Data.ServiceFlowDbContext>().Bookmarks
            .Where(b => b.Id == bookmarkId && b.Kind == BookmarkKind.Timer).Select(b => b.DueAt).SingleOrDefaultAsync(ct);
        await WaitUntilAsync(clock, due, ct);
    }

    /// Waits until the clock has reached `due`, at most about 5 s (a job started far too early runs
    /// then anyway and re-checks its due time). Loops: a delay can end a fraction of a millisecond
    /// early, and the step's `Now` must not come out before the due time.
    internal static async Task WaitUntilAsync(TimeProvider clock, DateTimeOffset? due, CancellationToken ct)
    {
        if (due is not { } at)
            return;
        var limit = clock.GetUtcNow().AddSeconds(5);
        for (var now = clock.GetUtcNow(); now < at && now < limit; now = clock.GetUtcNow())
        {
            var early = (at < limit ? at : limit) - now + TimeSpan.FromMilliseconds(1);
            await Task.Delay(early, clock, ct);
        }
    }

    Task<bool> ResumeDueBookmarkAsync(Guid bookmarkId, CancellationToken ct) =>
        InTransactionAsync<bool>("system", async ctx =>
        {
            var bookmark = await ctx.Db.Bookmarks.SingleOrDefaultAsync(b => b.Id == bookmarkId, ct);
            if (bookmark is null)
                return false;
            var instance = await ctx.Db.ProcessInstances.SingleAsync(i => i.Id == bookmark.InstanceId, ct);
            RemoveBookmark(ctx, bookmark);
            EngineCommand command;
            switch (bookmark.Kind)
            {
                case BookmarkKind.Timer:
                    ctx.Db.TimerFirings.Add(new TimerFiring
                    {
                        InstanceId = instance.Id,
                        TimerId = bookmark.EngineId,
                        DueAt = bookmark.DueAt ?? ctx.Now,
                        FiredAt = ctx.Now,
                        LatenessMs = (ctx.Now - (bookmark.DueAt ?? ctx.Now)).TotalMilliseconds,
                    });
                    command = new FireTimer(bookmark.EngineId);
                    break;
                case BookmarkKind.Continuation:
                    command = new ContinueAsync(bookmark.EngineId);
                    break;
                case BookmarkKind.Job:
                    var handler = handlers.Find(bookmark.JobType ?? "");
                    var properties = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(bookmark.Payload ?? "{}", InstanceStateJson.Options) ?? [];
                    command = handler is null
                        ? new FailJob(bookmark.EngineId, $"No service-task handler named '{bookmark.JobType}' is registered.")
                        : await RunHandlerAsync(ctx, instance, Variables.Deserialize(instance.Variables), handler, bookmark.EngineId, bookmark.ActivityId, properties);
                    break;
                default:
                    return false;
            }
            await StepAsync(ctx, instance, command);
            return true;
        }, ct);

    public Task<IncidentRecord> RetryIncidentAsync(Guid incidentId, string? user, CancellationToken ct = default) =>
        InTransactionAsync(user, async ctx =>
        {
            var incident = await ctx.Db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId, ct)
                ?? throw RuntimeProblem.NotFound($"There is no incident {incidentId}.");
            if (incident.ResolvedAt is not null)
                throw RuntimeProblem.Conflict($"Incident {incidentId} was already resolved at {incident.ResolvedAt:u} by {incident.ResolvedBy}.");
            var instance = await ctx.Db.ProcessInstances.SingleAsync(i => i.Id == incident.InstanceId, ct);
            incident.Retries++;
            incident.ResolvedAt = ctx.Now;
            incident.ResolvedBy = user;
            await StepAsync(ctx, instance, new RetryIncident(incident.EngineIncidentId));
            return incident;
        }, ct);

    public Task<ProcessInstance> CancelAsync(Guid instanceId, string? reason, string? user, CancellationToken ct = default) =>
        InTransactionAsync(user, async ctx =>
        {
            var instance = await ctx.Db.ProcessInstances.SingleOrDefaultAsync(i => i.Id == instanceId, ct)
                ?? throw RuntimeProblem.NotFound($"There is no process instance {instanceId}.");
            if (instance.Status != InstanceStatus.Running)
                throw RuntimeProblem.Conflict($"Instance {instanceId} is {instance.Status.ToString().ToLowerInvariant()}; only running instances can be cancelled.");
            await StepAsync(ctx, instance, new CancelInstance(reason));
            await CancelOpenTasksAsync(ctx, instance.Id, ct);
            return instance;
        }, ct);

    static async Task CancelOpenTasksAsync(StepContext ctx, Guid instanceId, CancellationToken ct)
    {
        var open = await ctx.Db.UserTasks.Where(t => t.InstanceId == instanceId && t.Status == UserTaskStatus.Open).ToListAsync(ct);
        foreach (var task in open)
        {
            task.Status = UserTaskStatus.Cancelled;
            task.CompletedAt = ctx.Now;
        }
    }
}
