using System.Xml;
using System.Xml.Linq;
using ServiceFlow.Engine.Model;

namespace ServiceFlow.Engine.Parsing;

/// <summary>
/// Reads BPMN 2.0 XML (as written by bpmn-js, Camunda Modeler and other tools) into an immutable
/// <see cref="BpmnDocument"/>. DTDs and external entities are refused; diagram interchange and vendor
/// extensions are tolerated.
/// </summary>
public static class BpmnParser
{
    /// <summary>Parses a BPMN document from a string.</summary>
    /// <param name="xml">The BPMN XML.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="BpmnParseException">The document is malformed, too large, contains a DTD, or is not BPMN.</exception>
    public static BpmnDocument Parse(string xml, BpmnParserOptions? options = null)
    {
        options ??= BpmnParserOptions.Default;
        if (xml.Length > options.MaxCharacters)
        {
            throw TooLarge(options);
        }

        using var reader = new StringReader(xml);
        return Parse(reader, options);
    }

    /// <summary>Parses a BPMN document from a stream (UTF-8 unless the XML declaration says otherwise).</summary>
    /// <param name="stream">The BPMN XML.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="BpmnParseException">The document is malformed, too large, contains a DTD, or is not BPMN.</exception>
    public static BpmnDocument Parse(Stream stream, BpmnParserOptions? options = null)
    {
        options ??= BpmnParserOptions.Default;
        using var streamReader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[Math.Min(options.MaxCharacters + 1, 1 << 16)];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = streamReader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > options.MaxCharacters)
            {
                throw TooLarge(options);
            }
        }

        return Parse(text.ToString(), options);
    }

    private static BpmnDocument Parse(TextReader text, BpmnParserOptions options)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(text, settings);
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new BpmnParseException(
                $"DTDs and entity declarations are not allowed in BPMN files (line {ex.LineNumber}, column {ex.LinePosition}).",
                ex.LineNumber, ex.LinePosition, ex);
        }
        catch (XmlException ex)
        {
            throw new BpmnParseException(
                $"Malformed XML at line {ex.LineNumber}, column {ex.LinePosition}: {ex.Message}", ex.LineNumber, ex.LinePosition, ex);
        }

        var root = doc.Root!;
        if (root.Name != Namespaces.BpmnNs + "definitions")
        {
            throw new BpmnParseException(
                $"Not a BPMN 2.0 document: the root element is '{root.Name.LocalName}' in namespace '{root.Name.NamespaceName}', "
                + $"expected 'definitions' in '{Namespaces.Bpmn}'.", 1, 1);
        }

        return new DefinitionsReader().Read(root);
    }

    private static BpmnParseException TooLarge(BpmnParserOptions options) =>
        new($"The BPMN document is larger than the limit of {options.MaxCharacters} characters.");
}
