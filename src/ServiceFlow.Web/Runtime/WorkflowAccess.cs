using System.Security.Claims;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Web.Runtime;

/// A workflow a feature starts in code: tickets start their lifecycle, a resolved ticket its survey,
/// the IMAP poll its intake. It is never started through /api/instances, whoever asks: the feature's
/// own record and rules (the ticket, one survey per ticket, the stored mail) would be missing.
internal sealed record FeatureWorkflow(string Key, string StartedBy);

/// Who may start a workflow and send a message through the API (docs/security.md, docs/bpmn-extensions.md):
/// - a process names its starters with `sf:candidateStarterGroups` / `sf:candidateStarterUsers` (or the
///   camunda: attributes); administrators may start any process a feature does not own; a process that
///   names nobody is started by administrators and by code only;
/// - a message is public when its `message` element names senders with `sf:candidateSenderGroups` /
///   `sf:candidateSenderUsers`; administrators may send any public message. Every other message
///   (survey answers, customer replies) is raised by its feature in code, never through the API.
internal sealed class WorkflowAccess(IEnumerable<FeatureWorkflow> owned)
{
    readonly Dictionary<string, FeatureWorkflow> byKey = owned.GroupBy(f => f.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// The feature that starts `key` in code, or null when the workflow is free to start by its starter rules.
    public FeatureWorkflow? OwnerOf(string key) => byKey.GetValueOrDefault(key);

    public static bool MayStart(ProcessDefinition process, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin)
        || Names(process.Ext("candidateStarterUsers")).Contains(user.Identity?.Name ?? "")
        || Names(process.Ext("candidateStarterGroups")).Overlaps(TaskAccess.GroupsOf(user));

    public static bool IsPublic(BpmnMessage message) =>
        message.Extensions.ContainsKey("candidateSenderGroups") || message.Extensions.ContainsKey("candidateSenderUsers");

    /// Whether `user` may send `messageName` to instances of `process` (or start it by that message).
    public static bool MaySend(ProcessDefinition process, string messageName, ClaimsPrincipal user)
    {
        if (process.MessageNamed(messageName) is not { } message || !IsPublic(message))
            return false;
        return user.IsInRole(Roles.Admin)
            || Names(message.Extensions.GetValueOrDefault("candidateSenderUsers")).Contains(user.Identity?.Name ?? "")
            || Names(message.Extensions.GetValueOrDefault("candidateSenderGroups")).Overlaps(TaskAccess.GroupsOf(user));
    }

    static HashSet<string> Names(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
