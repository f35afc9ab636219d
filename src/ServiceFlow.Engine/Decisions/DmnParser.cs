using System.Xml;
using System.Xml.Linq;

namespace ServiceFlow.Engine.Decisions;

/// <summary>
/// Reads DMN 1.1–1.5 XML (Camunda Modeler, dmn-js, Trisotech, the DMN TCK) into an immutable <see cref="DmnDocument"/>.
/// As for BPMN, DTDs and external entities are refused and size is capped; nesting depth is capped too.
/// FEEL that does not parse is kept on its cell for <see cref="DmnValidator"/> to report.
/// </summary>
public static class DmnParser
{
    /// <summary>Parses a DMN document from a string.</summary>
    /// <param name="xml">The DMN XML.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="DmnParseException">The document is malformed, too large or deep, contains a DTD, or is not DMN.</exception>
    public static DmnDocument Parse(string xml, DmnParserOptions? options = null)
    {
        options ??= DmnParserOptions.Default;
        if (xml.Length > options.MaxCharacters)
        {
            throw TooLarge(options);
        }

        return Load(() => new StringReader(xml), options);
    }

    /// <summary>Parses a DMN document from a stream (read to the end, at most <see cref="DmnParserOptions.MaxCharacters"/> bytes).</summary>
    /// <param name="stream">The DMN XML.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="DmnParseException">The document is malformed, too large or deep, contains a DTD, or is not DMN.</exception>
    public static DmnDocument Parse(Stream stream, DmnParserOptions? options = null)
    {
        options ??= DmnParserOptions.Default;
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxCharacters)
            {
                throw TooLarge(options);
            }
        }

        var bytes = buffer.ToArray();
        return Load(() => new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true), options);
    }

    private static DmnDocument Load(Func<TextReader> open, DmnParserOptions options)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XDocument doc;
        try
        {
            Scan(open, settings, options);
            using var reread = open();
            using var reader = XmlReader.Create(reread, settings);
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            // The reader reports a prohibited DTD without a position, so the line is only named when known.
            var where = ex.LineNumber > 0 ? $" (line {ex.LineNumber}, column {ex.LinePosition})" : "";
            throw new DmnParseException($"DTDs and entity declarations are not allowed in DMN files{where}.", ex.LineNumber, ex.LinePosition, ex);
        }
        catch (XmlException ex)
        {
            throw new DmnParseException($"Malformed XML at line {ex.LineNumber}, column {ex.LinePosition}: {ex.Message}", ex.LineNumber, ex.LinePosition, ex);
        }

        var root = doc.Root!;
        if (root.Name.LocalName != "definitions" || !DmnNamespaces.IsDmn(root.Name.Namespace))
        {
            throw new DmnParseException(
                $"Not a DMN document: the root element is '{root.Name.LocalName}' in namespace '{root.Name.NamespaceName}', "
                + $"expected 'definitions' in a DMN 1.1–1.5 namespace such as '{DmnNamespaces.Dmn13}'.", 1, 1);
        }

        return DmnReader.Read(root);
    }

    /// <summary>A first pass that checks depth before any tree is built, so a hostile file costs one forward read.</summary>
    private static void Scan(Func<TextReader> open, XmlReaderSettings settings, DmnParserOptions options)
    {
        using var text = open();
        using var scan = XmlReader.Create(text, settings);
        var info = (IXmlLineInfo)scan;
        while (scan.Read())
        {
            if (scan.Depth > options.MaxDepth)
            {
                throw new DmnParseException(
                    $"The DMN document nests elements deeper than {options.MaxDepth} levels (line {info.LineNumber}).", info.LineNumber, info.LinePosition);
            }
        }
    }

    private static DmnParseException TooLarge(DmnParserOptions options) =>
        new($"The DMN document is larger than the limit of {options.MaxCharacters} characters.");
}
