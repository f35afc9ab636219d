using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Account;

namespace ServiceFlow.Web.Features.Forms;

/// The people a user-group select offers (`"properties": { "userGroup": "TechSupport" }`): the group's active
/// members, read when the form is drawn and again when it is submitted, so a choice is checked against who is
/// in the group at that moment, not when the page was opened.
internal static class FormGroups
{
    /// Field key → the members of its group; empty when the form has no user-group field.
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<Person>>> MembersAsync(ServiceFlowDbContext db, FormSchema form,
        DateTimeOffset now, CancellationToken ct)
    {
        var members = new Dictionary<string, IReadOnlyList<Person>>(StringComparer.Ordinal);
        foreach (var field in form.Fields.Where(f => f.UserGroup is not null))
            members[field.Key] = await GroupMembers.InGroupsAsync(db, [field.UserGroup!], [], now, ct);
        return members;
    }

    /// The form-js input data the options come from: `{ "<valuesKey>": [ { "label": "Name (user)", "value": "user" } ] }`.
    public static Dictionary<string, object> InputData(FormSchema form, IReadOnlyDictionary<string, IReadOnlyList<Person>> members) =>
        form.Fields.Where(f => f.UserGroup is not null && f.ValuesKey is not null && members.ContainsKey(f.Key))
            .GroupBy(f => f.ValuesKey!)
            .ToDictionary(g => g.Key, g => (object)members[g.First().Key].Select(p => new { label = p.Label, value = p.UserName }).ToList());
}
