using System.Text.RegularExpressions;
using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Validation;
using ServiceFlow.Web.Features.Tickets;

namespace ServiceFlow.Web.Features.Forms;

/// A warning for a gateway condition that reads a variable nothing sets: no form of the process (task or
/// start form), no script or decision result, no call-activity output, and none of the variables the desk
/// itself passes (a ticket's lifecycle start, a survey answer). Usually a field key mistyped in the form or the
/// condition. `typeof x` reads are deliberate optional reads and are not reported.
internal static partial class GatewayReads
{
    static readonly HashSet<string> JavaScript = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "undefined", "typeof", "instanceof", "in", "new", "this", "void", "NaN", "Infinity",
        "Math", "Date", "String", "Number", "Boolean", "Array", "Object", "JSON", "parseInt", "parseFloat", "isNaN", "length",
    };

    static readonly Lazy<HashSet<string>> DeskVariables = new(() =>
        [.. TicketService.VariablesOf(new Ticket { Priority = "P3" }).Keys, "score", "comment", "answerChannel", "followUpThreshold", "businessKey", "handledBy"]);

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'|""(?:[^""\\]|\\.)*""|`[^`]*`|(?<typeof>typeof\s+)?(?<dot>\.\s*)?(?<name>[A-Za-z_$][A-Za-z0-9_$]*)")]
    private static partial Regex Tokens();

    public static IEnumerable<ValidationIssue> Unset(ProcessDefinition process, IEnumerable<FormSchema> forms)
    {
        var set = new HashSet<string>(DeskVariables.Value, StringComparer.Ordinal);
        foreach (var form in forms)
        {
            set.UnionWith(form.Fields.Select(f => f.Key));
            if (form.SignedBy is { } signer)
                set.Add(signer.Key);
        }
        foreach (var node in process.Nodes.Values)
        {
            if (node.Ext("resultVariable") is { } result)
                set.Add(result);
            if (node.DecisionCall?.ResultVariable is { } decided)
                set.Add(decided);
            set.UnionWith(node.OutMappings.Select(m => m.Target));
        }
        foreach (var flow in process.Flows.Values.Where(f => f.Condition is not null).OrderBy(f => f.Line))
        {
            var unset = Reads(flow.Condition!).Where(name => !set.Contains(name)).Distinct().ToList();
            if (unset.Count > 0)
                yield return new ValidationIssue(Severity.Warning, flow.Id, flow.Line, "variable-unset",
                    $"The condition of '{flow.Name ?? flow.Id}' reads {string.Join(", ", unset)}, which no form, start or result of this process sets; "
                    + "check the field keys of the forms before it.");
        }
    }

    static IEnumerable<string> Reads(string condition) =>
        Tokens().Matches(condition).Where(m => m.Groups["name"].Success && !m.Groups["typeof"].Success && !m.Groups["dot"].Success)
            .Select(m => m.Groups["name"].Value).Where(n => !JavaScript.Contains(n));
}
