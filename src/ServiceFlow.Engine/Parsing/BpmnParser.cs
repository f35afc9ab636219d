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

        using var text = new StringReader(xml);
        return Load(settings => XmlReader.Create(text, settings), options);
    }

    /// <summary>Parses a BPMN document from a stream; the XML declaration's encoding is honoured.</summary>
    /// <param name="stream">The BPMN XML.</param>
    /// <param name="options">Limits (for streams <see cref="BpmnParserOptions.MaxCharacters"/> counts bytes); null for the defaults.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="BpmnParseException">The document is malformed, too large, contains a DTD, or is not BPMN.</exception>
    public static BpmnDocument Parse(Stream stream, BpmnParserOptions? options = null)
    {
        options ??= BpmnParserOptions.Default;
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

        if (Utf8Text.DeclaresUtf8(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            // XmlReader would report a bad byte by character position only; a person needs the byte offset too.
            Utf8Text.ThrowIfInvalid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }

        buffer.Position = 0;
        return Load(settings => XmlReader.Create(buffer, settings), options);
    }

    /// <summary>
    /// Decodes a BPMN file's bytes as strict UTF-8 (a byte order mark is dropped). Invalid bytes are refused with
    /// their offset and line instead of being turned into replacement characters that would be stored silently.
    /// </summary>
    /// <param name="bytes">The file or request body.</param>
    /// <returns>The text.</returns>
    /// <exception cref="BpmnParseException">The bytes are not valid UTF-8.</exception>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        Utf8Text.ThrowIfInvalid(bytes);
        return System.Text.Encoding.UTF8.GetString(bytes.StartsWith(Utf8Text.Bom) ? bytes[3..] : bytes);
    }

    private static BpmnDocument Load(Func<XmlReaderSettings, XmlReader> createReader, BpmnParserOptions options)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxCharacters,
            MaxCharactersFromEntities = 1024, // DTDs are prohibited anyway; this is a second fence
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XDocument doc;
        try
        {
            using var reader = new DepthLimitedReader(createReader(settings), options.MaxElementDepth);
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

        return new DefinitionsReader(options).Read(root);
    }

    private static BpmnParseException TooLarge(BpmnParserOptions options) =>
        new($"The BPMN document is larger than the limit of {options.MaxCharacters} characters.");
}
