using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace ServiceFlow.Browser.Tests.Designer;

/// Compares two BPMN documents by meaning, as facts: every element (keyed by its id, or for diagram
/// shapes by the element they draw, or by name and position among its siblings) with its type, each
/// attribute and its text. What a writer may legitimately change is not a fact: prefixes and namespace
/// declarations, formatting and comments, attribute order, "11.0" vs "11", the prefix inside
/// xsi:type, attributes written out at their BPMN default (moddle omits them), an xsi:type naming the
/// type the schema gives anyway (a waypoint's dc:Point), and &lt;formalExpression&gt; written as
/// &lt;expression xsi:type="tFormalExpression"&gt; (the same element of the schema). Everything else
/// that differs is reported as "- fact" (only in the first) or "+ fact" (only in the second).
internal static partial class BpmnSemantics
{
    const string Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    const string Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// Attribute defaults of the BPMN 2.0 schema (bpmn-moddle's descriptors): absent and default are the same.
    static readonly Dictionary<string, string> Defaults = """
        behavior=All cancelActivity=true cancelRemainingInstances=true completionQuantity=1 eventGatewayType=Exclusive
        expressionLanguage=http://www.w3.org/1999/XPath gatewayDirection=Unspecified instantiate=false isCollection=false
        isForCompensation=false isInterrupting=true isReference=false isSequential=false isUnlimited=true loopType=None
        maximum=1 messageVisibleKind=initiating minimum=0 mustUnderstand=false parallelMultiple=false startQuantity=1
        testBefore=false textFormat=text/plain triggeredByEvent=false typeLanguage=http://www.w3.org/2001/XMLSchema
        waitForCompletion=true x=0 y=0
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// Elements whose xsi:type is the schema's own type for them (bpmn-moddle leaves it out).
    static readonly Dictionary<string, string> DefaultTypes = new(StringComparer.Ordinal)
    {
        ["{di}waypoint"] = "{dc}Point",
    };

    public sealed record Difference(bool Removed, string Path, string Fact)
    {
        public override string ToString() => $"{(Removed ? "-" : "+")} {Path} {Fact}";
    }

    public static XDocument Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader);
    }

    public static List<Difference> Compare(string before, string after)
    {
        var a = Facts(Parse(before));
        var b = Facts(Parse(after));
        var differences = new List<Difference>();
        foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            var countA = a.GetValueOrDefault(key);
            var countB = b.GetValueOrDefault(key);
            if (countA != countB)
            {
                var (path, fact) = Split(key);
                differences.Add(new Difference(countA > countB, path, fact));
            }
        }
        return differences;
    }

    /// Ids of every element of the document (to tell a dangling reference from a real one).
    public static HashSet<string> Ids(string xml) =>
        [.. Parse(xml).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>()];

    static Dictionary<string, int> Facts(XDocument doc)
    {
        var facts = new Dictionary<string, int>(StringComparer.Ordinal);
        Visit(doc.Root!, "", facts);
        return facts;
    }

    static void Visit(XElement element, string path, Dictionary<string, int> facts)
    {
        void Add(string fact) => facts[path + "\u0001" + fact] = facts.GetValueOrDefault(path + "\u0001" + fact) + 1;
        var isDiagramElement = element.Name.NamespaceName == Di;
        var name = Name(element.Name);
        Add("<" + name + ">");
        if (IsFormalExpression(element))
            Add($"@{{{Xsi}}}type={{bpmn}}tFormalExpression");
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            if (isDiagramElement && attribute.Name == "id")
                continue; // diagram ids are references nobody makes; bpmn-js renames them on replace
            var value = Normalize(attribute.Value);
            if (attribute.Name == XName.Get("type", Xsi))
            {
                value = ResolveQName(element, attribute.Value);
                if (DefaultTypes.GetValueOrDefault(name) == value)
                    continue;
            }
            if (attribute.Name.Namespace == XNamespace.None && Defaults.TryGetValue(attribute.Name.LocalName, out var d) && SameValue(d, value))
                continue;
            Add($"@{Name(attribute.Name)}={value}");
        }
        var text = Normalize(string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)));
        if (text.Length > 0)
            Add($"text={text}");

        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var child in element.Elements())
        {
            string key;
            if (child.Name.NamespaceName == Di && (string?)child.Attribute("bpmnElement") is { } drawn)
                key = $"{Name(child.Name)}[{drawn}]";
            else if (child.Name.NamespaceName != Di && (string?)child.Attribute("id") is { } id)
                key = "#" + id;
            else
            {
                var childName = Name(child.Name);
                ordinals[childName] = ordinals.GetValueOrDefault(childName) + 1;
                key = $"{childName}[{ordinals[childName]}]";
            }
            Visit(child, path + "/" + key, facts);
        }
    }

    static (string Path, string Fact) Split(string key)
    {
        var i = key.IndexOf('\u0001', StringComparison.Ordinal);
        return (key[..i], key[(i + 1)..]);
    }

    static bool IsFormalExpression(XElement e) => e.Name.NamespaceName == Bpmn && e.Name.LocalName == "formalExpression";

    /// A name in short form; &lt;formalExpression&gt; is &lt;expression&gt; with its type (see IsFormalExpression).
    static string Name(XName name) => name.NamespaceName == Bpmn && name.LocalName == "formalExpression" ? "{bpmn}expression"
        : name.Namespace == XNamespace.None ? name.LocalName : $"{{{Short(name.NamespaceName)}}}{name.LocalName}";

    static string Short(string ns) => ns switch
    {
        Bpmn => "bpmn",
        Di => "bpmndi",
        "http://www.omg.org/spec/DD/20100524/DC" => "dc",
        "http://www.omg.org/spec/DD/20100524/DI" => "di",
        "https://serviceflow.dev/bpmn" => "sf",
        _ => ns,
    };

    static string ResolveQName(XElement element, string value)
    {
        var parts = value.Trim().Split(':', 2);
        var ns = parts.Length == 2 ? element.GetNamespaceOfPrefix(parts[0]) : element.GetDefaultNamespace();
        return $"{{{Short(ns?.NamespaceName ?? "")}}}{parts[^1]}";
    }

    static string Normalize(string value)
    {
        var collapsed = Whitespace().Replace(value, " ").Trim();
        return double.TryParse(collapsed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && Number().IsMatch(collapsed)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : collapsed;
    }

    static bool SameValue(string a, string b) => string.Equals(Normalize(a), b, StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex Number();
}
