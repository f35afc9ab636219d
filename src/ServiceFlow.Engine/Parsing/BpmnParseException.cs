namespace ServiceFlow.Engine.Parsing;

/// <summary>The BPMN file could not be read: malformed XML, a DTD/entity, too large, or not BPMN at all.</summary>
public class BpmnParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BpmnParseException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, for a person.</param>
    public BpmnParseException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, for a person.</param>
    /// <param name="innerException">The XML reader's exception.</param>
    public BpmnParseException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a position.</summary>
    /// <param name="message">What is wrong, for a person.</param>
    /// <param name="line">1-based line, or 0 when unknown.</param>
    /// <param name="column">1-based column, or 0 when unknown.</param>
    /// <param name="innerException">The XML reader's exception.</param>
    public BpmnParseException(string message, int line, int column, Exception? innerException = null)
        : base(message, innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem, or 0 when unknown.</summary>
    public int Column { get; }
}

/// <summary>
/// The document exceeds one of <see cref="BpmnParserOptions"/>' limits (size, XML depth, sub-process nesting).
/// A host refuses such a request outright instead of reporting it as a modelling problem.
/// </summary>
public sealed class BpmnLimitException : BpmnParseException
{
    /// <summary>Creates the exception.</summary>
    public BpmnLimitException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which limit, for a person.</param>
    public BpmnLimitException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which limit, for a person.</param>
    /// <param name="innerException">The cause.</param>
    public BpmnLimitException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a position.</summary>
    /// <param name="message">Which limit, for a person.</param>
    /// <param name="line">1-based line, or 0 when unknown.</param>
    /// <param name="column">1-based column, or 0 when unknown.</param>
    public BpmnLimitException(string message, int line, int column) : base(message, line, column) { }
}

/// <summary>Limits for <see cref="BpmnParser"/>.</summary>
public sealed record BpmnParserOptions
{
    /// <summary>Largest accepted document, in characters (default 10 MB).</summary>
    public int MaxCharacters { get; init; } = 10 * 1024 * 1024;

    /// <summary>
    /// Deepest accepted XML element nesting (default 100; the root <c>definitions</c> is level 1). Checked while
    /// reading, so a hostile document is refused before it is built, and nothing downstream recurses deeper.
    /// </summary>
    public int MaxElementDepth { get; init; } = 100;

    /// <summary>Deepest accepted nesting of sub-processes (embedded, event, transaction, ad-hoc; default 50).</summary>
    public int MaxSubProcessDepth { get; init; } = 50;

    /// <summary>The defaults.</summary>
    public static BpmnParserOptions Default { get; } = new();
}
