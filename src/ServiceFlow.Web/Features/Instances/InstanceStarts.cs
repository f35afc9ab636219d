using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Instances;

/// `POST /api/instances`: a start the workflow allows the caller. Refused (403) when a feature starts the
/// workflow in code, or when the definition does not name the caller as a starter; refused (409) when
/// the business key is an existing record's (a ticket number), whose instances only its feature starts.
internal sealed class InstanceStarts(ProcessRunner runner, DefinitionStore definitions, WorkflowAccess workflows,
    InstanceAccess instances, ServiceFlowDbContext db)
{
    public async Task<ProcessRunner.Started> StartAsync(InstancesApi.StartRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var key = request.WorkflowKey;
        if (workflows.OwnerOf(key) is { } owner)
            throw RuntimeProblem.Forbidden($"Workflow '{key}' is started by {owner.StartedBy}, not through /api/instances.");
        var header = request.Version is { } v
            ? await db.WorkflowDefinitions.AsNoTracking().Where(d => d.Key == key && d.Version == v).Select(DefinitionStore.Header).FirstOrDefaultAsync(ct)
            : await definitions.LatestAsync(db, key, ct);
        if (header is null)
            throw RuntimeProblem.NotFound(request.Version is null ? $"No workflow with key '{key}' is published." : $"Workflow '{key}' has no version {request.Version}.");
        var process = await definitions.GetAsync(header.Id, ct);
        if (!WorkflowAccess.MayStart(process, user))
            throw RuntimeProblem.Forbidden(process.Ext("candidateStarterGroups") is null && process.Ext("candidateStarterUsers") is null
                ? $"Workflow '{key}' names no starters (sf:candidateStarterGroups); only administrators start it."
                : $"Workflow '{key}' may be started by {string.Join(", ", new[] { process.Ext("candidateStarterGroups"), process.Ext("candidateStarterUsers") }.OfType<string>())}; you are not among them.");
        if (request.BusinessKey is { } businessKey && await instances.RecordAsync(db, businessKey, user, ct) != RecordVisibility.NoRecord)
            throw RuntimeProblem.Conflict($"'{businessKey}' is the key of an existing record; its instances are started by the feature that owns it. Use another business key.");
        // The version that was checked, not whatever is latest a moment later.
        return await runner.StartAsync(key, header.Version, request.BusinessKey, request.Variables, user.Identity?.Name, ct);
    }
}
