using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Runtime;

public enum RecordVisibility { NoRecord, Hidden, Visible }

/// The business records instances run for (a ticket, by its number), as the feature that owns them
/// sees them. The runtime asks; the feature answers, so an instance is exactly as visible as its record.
internal interface IBusinessRecords
{
    /// NoRecord when `businessKey` names none of this feature's records; else whether `user` may read it.
    Task<RecordVisibility> FindAsync(ServiceFlowDbContext db, string businessKey, ClaimsPrincipal user, CancellationToken ct);

    /// The business keys of the records `user` may read, as a query to filter by.
    IQueryable<string> VisibleKeys(ServiceFlowDbContext db, ClaimsPrincipal user);
}

/// Who reads an instance, its variables, journal and incidents: process owners and administrators all
/// of them; otherwise whoever may read the business record it runs for; an instance with no record
/// behind it, whoever started it or can see one of its tasks. Hidden instances answer 404, like records.
internal sealed class InstanceAccess(IEnumerable<IBusinessRecords> records)
{
    public static bool SeesAll(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.ProcessOwner);

    public async Task<bool> CanReadAsync(ServiceFlowDbContext db, ProcessInstance instance, ClaimsPrincipal user, CancellationToken ct)
    {
        if (SeesAll(user))
            return true;
        if (instance.BusinessKey is { } key && await RecordAsync(db, key, user, ct) is not RecordVisibility.NoRecord and var visibility)
            return visibility == RecordVisibility.Visible;
        if (string.Equals(instance.StartedBy, user.Identity?.Name, StringComparison.OrdinalIgnoreCase))
            return true;
        var tasks = await db.UserTasks.AsNoTracking().Where(t => t.InstanceId == instance.Id).ToListAsync(ct);
        return tasks.Any(t => TaskAccess.CanSee(t, user));
    }

    /// What `businessKey` names: no record, or a record `user` may or may not read.
    public async Task<RecordVisibility> RecordAsync(ServiceFlowDbContext db, string businessKey, ClaimsPrincipal user, CancellationToken ct)
    {
        foreach (var source in records)
        {
            var found = await source.FindAsync(db, businessKey, user, ct);
            if (found != RecordVisibility.NoRecord)
                return found;
        }
        return RecordVisibility.NoRecord;
    }

    /// The business keys of every record `user` may read (for lists keyed by business key, e.g. surveys).
    public IQueryable<string> VisibleKeys(ServiceFlowDbContext db, ClaimsPrincipal user) =>
        records.Select(r => r.VisibleKeys(db, user)).DefaultIfEmpty(db.ProcessInstances.Where(i => false).Select(i => i.WorkflowKey))
            .Aggregate((all, next) => all.Union(next));
}
