namespace ServiceFlow.Engine.Validation;

/// <summary>How serious a validation finding is.</summary>
public enum Severity
{
    /// <summary>The process can run but something looks wrong.</summary>
    Warning,
    /// <summary>The process cannot be published/executed.</summary>
    Error,
}

/// <summary>One validation finding.</summary>
/// <param name="Severity">Error blocks execution; warning does not.</param>
/// <param name="ElementId">The element the finding is about.</param>
/// <param name="Line">Source line, when known.</param>
/// <param name="Code">Stable machine-readable code, e.g. <c>unsupported-element</c>.</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record ValidationIssue(Severity Severity, string ElementId, int? Line, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity} {Code} '{ElementId}'{(Line is { } l ? $" (line {l})" : "")}: {Message}";
}

/// <summary>The result of <see cref="BpmnValidator.Validate"/>.</summary>
/// <param name="Executable">True when there is no error-level issue.</param>
/// <param name="Issues">Every finding, errors first in document order.</param>
public sealed record ValidationReport(bool Executable, IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>Only the error-level issues.</summary>
    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == Severity.Error);
}
