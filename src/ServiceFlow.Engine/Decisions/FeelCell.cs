using ServiceFlow.Engine.Decisions.Feel;

namespace ServiceFlow.Engine.Decisions;

/// <summary>How a cell's text is read.</summary>
public enum FeelCellKind
{
    /// <summary>A FEEL expression (input expressions, output entries, literal decisions, defaults).</summary>
    Expression,
    /// <summary>FEEL unary tests (input entries, inputValues, outputValues).</summary>
    UnaryTests,
}

/// <summary>
/// One piece of FEEL in a DMN file, parsed when the file is read so that a cell that does not parse is a
/// validation error (with its element id and line) rather than a surprise during a ticket's workflow.
/// </summary>
public sealed record FeelCell
{
    /// <summary>The id of the element holding the text (e.g. the inputEntry).</summary>
    public required string Id { get; init; }
    /// <summary>Source line.</summary>
    public int Line { get; init; }
    /// <summary>The FEEL text as written.</summary>
    public required string Text { get; init; }
    /// <summary>Expression or unary tests.</summary>
    public FeelCellKind Kind { get; init; }
    /// <summary>Why the text is not in ServiceFlow's FEEL subset, or null when it parsed.</summary>
    public string? Error { get; init; }

    internal FeelNode? Node { get; init; }

    internal UnaryTests? Tests { get; init; }

    /// <summary>Parses <paramref name="text"/> as <paramref name="kind"/>; a syntax error is kept in <see cref="Error"/>.</summary>
    /// <param name="id">Element id.</param>
    /// <param name="line">Source line.</param>
    /// <param name="text">FEEL text.</param>
    /// <param name="kind">How to read it.</param>
    /// <param name="expressionLanguage">The expressionLanguage attribute in force, or null for FEEL.</param>
    /// <returns>The cell.</returns>
    public static FeelCell Parse(string id, int line, string text, FeelCellKind kind, string? expressionLanguage = null)
    {
        var cell = new FeelCell { Id = id, Line = line, Text = text, Kind = kind };
        if (expressionLanguage is not null && !expressionLanguage.Contains("feel", StringComparison.OrdinalIgnoreCase))
        {
            return cell with { Error = $"expression language '{expressionLanguage}' is not supported; write FEEL" };
        }

        try
        {
            return kind == FeelCellKind.Expression
                ? cell with { Node = FeelParser.ParseExpression(Unwrap(text)) }
                : cell with { Tests = FeelParser.ParseUnaryTests(text) };
        }
        catch (FeelSyntaxException ex)
        {
            return cell with { Error = ex.Message };
        }
    }

    /// <summary>An empty output entry is null (Camunda Modeler writes empty cells for "no value").</summary>
    private static string Unwrap(string text) => string.IsNullOrWhiteSpace(text) ? "null" : text;
}
