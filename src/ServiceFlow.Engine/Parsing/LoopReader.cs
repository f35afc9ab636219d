using System.Globalization;
using System.Xml.Linq;
using ServiceFlow.Engine.Model;
using static ServiceFlow.Engine.Parsing.DefinitionsReader;

namespace ServiceFlow.Engine.Parsing;

/// <summary>Reads multiInstanceLoopCharacteristics and standardLoopCharacteristics, with sf:, camunda: and flowable: attributes.</summary>
internal static class LoopReader
{
    private static readonly XNamespace Bpmn = Namespaces.BpmnNs;

    public static LoopCharacteristics? Read(XElement activity)
    {
        if (activity.Element(Bpmn + "multiInstanceLoopCharacteristics") is { } mi)
        {
            return new LoopCharacteristics(true, string.Equals((string?)mi.Attribute("isSequential"), "true", StringComparison.OrdinalIgnoreCase))
            {
                LoopCardinality = NullIfBlank(mi.Element(Bpmn + "loopCardinality")?.Value),
                // BPMN's loopDataInputRef names the collection's variable; a vendor attribute says it as an expression.
                Collection = Vendor(mi, "collection") ?? LocalRef(mi.Element(Bpmn + "loopDataInputRef")?.Value),
                ElementVariable = Vendor(mi, "elementVariable")
                    ?? NullIfBlank((string?)mi.Element(Bpmn + "inputDataItem")?.Attribute("name") ?? (string?)mi.Element(Bpmn + "inputDataItem")?.Attribute("id")),
                CompletionCondition = NullIfBlank(mi.Element(Bpmn + "completionCondition")?.Value),
                OutputCollection = Vendor(mi, "outputCollection"),
                OutputElement = Vendor(mi, "outputElement"),
            };
        }

        if (activity.Element(Bpmn + "standardLoopCharacteristics") is { } loop)
        {
            return new LoopCharacteristics(false, true)
            {
                LoopCondition = NullIfBlank(loop.Element(Bpmn + "loopCondition")?.Value),
                TestBefore = string.Equals((string?)loop.Attribute("testBefore"), "true", StringComparison.OrdinalIgnoreCase),
                LoopMaximum = int.TryParse((string?)loop.Attribute("loopMaximum"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : null,
            };
        }

        return null;
    }

    /// <summary>sf:name, else camunda:name / flowable:name.</summary>
    private static string? Vendor(XElement e, string name) =>
        NullIfBlank((string?)e.Attribute(Namespaces.SfNs + name))
        ?? NullIfBlank(e.Attributes().FirstOrDefault(a => a.Name.LocalName == name && Namespaces.IsCamunda(a.Name.Namespace))?.Value);
}
