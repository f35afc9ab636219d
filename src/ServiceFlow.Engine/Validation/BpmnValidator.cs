using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Validation;

/// <summary>Checks a parsed document against what the ServiceFlow engine can execute.</summary>
public static class BpmnValidator
{
    /// <summary>Validates every process in the document.</summary>
    /// <param name="document">The parsed document.</param>
    /// <returns>The report; <see cref="ValidationReport.Executable"/> is false when any error was found.</returns>
    public static ValidationReport Validate(BpmnDocument document)
    {
        var issues = new List<ValidationIssue>();
        foreach (var duplicate in document.DuplicateIds)
        {
            issues.Add(new(Severity.Error, duplicate.Id, duplicate.Line, "duplicate-id", $"id '{duplicate.Id}' is used more than once"));
        }

        if (document.Processes.IsEmpty)
        {
            issues.Add(new(Severity.Error, "definitions", null, "no-process", "the document contains no process"));
        }

        var runnable = Runnable(document);
        foreach (var process in document.Processes)
        {
            if (runnable.Contains(process))
            {
                issues.AddRange(ValidateProcess(process));
            }
            else
            {
                // A collaboration's other pools (the customer, a partner) document what others do; they never run here.
                issues.Add(new(Severity.Warning, process.Id, process.Line, "not-executable",
                    $"process '{process.Id}' is not marked isExecutable=\"true\"; it is kept as documentation and not checked for running"));
            }
        }

        var ordered = issues.OrderByDescending(i => i.Severity).ThenBy(i => i.Line ?? 0).ToList();
        return new ValidationReport(!ordered.Exists(i => i.Severity == Severity.Error), ordered);
    }

    /// <summary>
    /// The processes a host runs from this document: those marked isExecutable="true", else (a file from a tool that
    /// leaves the flag off) its first process.
    /// </summary>
    /// <param name="document">The parsed document.</param>
    /// <returns>The processes to validate for running.</returns>
    public static IReadOnlyList<ProcessDefinition> Runnable(BpmnDocument document)
    {
        var executable = document.Processes.Where(p => p.IsExecutable).ToList();
        return executable.Count > 0 || document.Processes.IsEmpty ? executable : [document.Processes[0]];
    }

    /// <summary>Validates one process.</summary>
    /// <param name="process">The process.</param>
    /// <returns>The findings.</returns>
    public static IReadOnlyList<ValidationIssue> ValidateProcess(ProcessDefinition process)
    {
        var issues = new List<ValidationIssue>();
        if (!process.IsExecutable)
        {
            issues.Add(new(Severity.Warning, process.Id, process.Line, "not-executable-flag", "process is not marked isExecutable=\"true\""));
        }

        if (!process.NodesInScope(null).Any(n => n.Kind == NodeKind.StartEvent))
        {
            issues.Add(new(Severity.Error, process.Id, process.Line, "no-start-event", $"process '{process.Id}' has no start event"));
        }

        var rules = new NodeRules(process, issues);
        foreach (var node in process.Nodes.Values.OrderBy(n => n.Line))
        {
            rules.Check(node);
        }

        foreach (var flow in process.Flows.Values.OrderBy(f => f.Line))
        {
            rules.Check(flow);
        }

        return issues;
    }
}
