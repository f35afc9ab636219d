namespace ServiceFlow.Engine.Parsing;

/// <summary>The BPMN file could not be read: malformed XML, a DTD/entity, too large, or not BPMN at all.</summary>
public sealed class BpmnParseException : Exception
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

/// <summary>Limits for <see cref="BpmnParser"/>.</summary>
public sealed record BpmnParserOptions
{
    /// <summary>Largest accepted document, in characters (default 10 MB).</summary>
    public int MaxCharacters { get; init; } = 10 * 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static BpmnParserOptions Default { get; } = new();
}
