using System.Xml.Linq;

namespace ServiceFlow.Engine.Decisions;

/// <summary>The DMN file could not be read: malformed XML, a DTD/entity, too large or too deep, or not DMN at all.</summary>
public sealed class DmnParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DmnParseException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, for a person.</param>
    public DmnParseException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, for a person.</param>
    /// <param name="innerException">The XML reader's exception.</param>
    public DmnParseException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a position.</summary>
    /// <param name="message">What is wrong, for a person.</param>
    /// <param name="line">1-based line, or 0 when unknown.</param>
    /// <param name="column">1-based column, or 0 when unknown.</param>
    /// <param name="innerException">The XML reader's exception.</param>
    public DmnParseException(string message, int line, int column, Exception? innerException = null)
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

/// <summary>Limits for <see cref="DmnParser"/>.</summary>
public sealed record DmnParserOptions
{
    /// <summary>Largest accepted document, in characters (default 2 MB; a large decision table is a few hundred KB).</summary>
    public int MaxCharacters { get; init; } = 2 * 1024 * 1024;

    /// <summary>Deepest accepted element nesting (default 64; DMN with diagram interchange needs about 10).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The defaults.</summary>
    public static DmnParserOptions Default { get; } = new();
}

/// <summary>The DMN model namespaces ServiceFlow reads.</summary>
public static class DmnNamespaces
{
    /// <summary>DMN 1.1.</summary>
    public const string Dmn11 = "http://www.omg.org/spec/DMN/20151101/dmn.xsd";
    /// <summary>DMN 1.1 as older Camunda Modeler versions wrote it.</summary>
    public const string Dmn11Camunda = "http://www.omg.org/spec/DMN/20151101/dmn11.xsd";
    /// <summary>DMN 1.2.</summary>
    public const string Dmn12 = "http://www.omg.org/spec/DMN/20180521/MODEL/";
    /// <summary>DMN 1.3 (what Camunda Modeler and dmn-js write).</summary>
    public const string Dmn13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    /// <summary>DMN 1.4.</summary>
    public const string Dmn14 = "https://www.omg.org/spec/DMN/20211108/MODEL/";
    /// <summary>DMN 1.5.</summary>
    public const string Dmn15 = "https://www.omg.org/spec/DMN/20230324/MODEL/";

    internal static bool IsDmn(XNamespace ns) => ns.NamespaceName is Dmn11 or Dmn11Camunda or Dmn12 or Dmn13 or Dmn14 or Dmn15;
}
