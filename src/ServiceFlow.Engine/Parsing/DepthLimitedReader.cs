using System.Xml;

namespace ServiceFlow.Engine.Parsing;

/// <summary>
/// Forwards to an XmlReader and refuses elements nested deeper than a limit, so a hostile document
/// (60 000 nested sub-processes fit in 2 MB) is stopped while it is read, before anything walks it.
/// Line info is forwarded so XDocument still records element lines.
/// </summary>
internal sealed class DepthLimitedReader(XmlReader inner, int maxDepth) : XmlReader, IXmlLineInfo
{
    public override bool Read()
    {
        if (!inner.Read())
        {
            return false;
        }

        // Depth is 0 for the root element; the limit counts the root as level 1.
        if (inner.NodeType == XmlNodeType.Element && inner.Depth >= maxDepth)
        {
            var (line, column) = (LineNumber, LinePosition);
            throw new BpmnLimitException(
                $"The BPMN document nests XML elements more than {maxDepth} levels deep ('{inner.LocalName}' at line {line}); "
                + $"ServiceFlow accepts at most {maxDepth} levels.", line, column);
        }

        return true;
    }

    public int LineNumber => inner is IXmlLineInfo info ? info.LineNumber : 0;
    public int LinePosition => inner is IXmlLineInfo info ? info.LinePosition : 0;
    public bool HasLineInfo() => inner is IXmlLineInfo info && info.HasLineInfo();

    public override int AttributeCount => inner.AttributeCount;
    public override string BaseURI => inner.BaseURI;
    public override int Depth => inner.Depth;
    public override bool EOF => inner.EOF;
    public override bool HasValue => inner.HasValue;
    public override bool IsDefault => inner.IsDefault;
    public override bool IsEmptyElement => inner.IsEmptyElement;
    public override string LocalName => inner.LocalName;
    public override string Name => inner.Name;
    public override string NamespaceURI => inner.NamespaceURI;
    public override XmlNameTable NameTable => inner.NameTable;
    public override XmlNodeType NodeType => inner.NodeType;
    public override string Prefix => inner.Prefix;
    public override ReadState ReadState => inner.ReadState;
    public override XmlReaderSettings? Settings => inner.Settings;
    public override string Value => inner.Value;
    public override string XmlLang => inner.XmlLang;
    public override XmlSpace XmlSpace => inner.XmlSpace;

    public override string GetAttribute(int i) => inner.GetAttribute(i);
    public override string? GetAttribute(string name) => inner.GetAttribute(name);
    public override string? GetAttribute(string name, string? namespaceURI) => inner.GetAttribute(name, namespaceURI);
    public override string? LookupNamespace(string prefix) => inner.LookupNamespace(prefix);
    public override void MoveToAttribute(int i) => inner.MoveToAttribute(i);
    public override bool MoveToAttribute(string name) => inner.MoveToAttribute(name);
    public override bool MoveToAttribute(string name, string? ns) => inner.MoveToAttribute(name, ns);
    public override bool MoveToElement() => inner.MoveToElement();
    public override bool MoveToFirstAttribute() => inner.MoveToFirstAttribute();
    public override bool MoveToNextAttribute() => inner.MoveToNextAttribute();
    public override bool ReadAttributeValue() => inner.ReadAttributeValue();
    public override void ResolveEntity() => inner.ResolveEntity();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
