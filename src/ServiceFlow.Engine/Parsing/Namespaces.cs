using System.Xml.Linq;

namespace ServiceFlow.Engine.Parsing;

/// <summary>XML namespaces the parser understands.</summary>
public static class Namespaces
{
    /// <summary>BPMN 2.0 model namespace.</summary>
    public const string Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    /// <summary>ServiceFlow extension namespace (prefix sf:).</summary>
    public const string ServiceFlow = "https://serviceflow.dev/bpmn";
    /// <summary>Camunda 7 namespace.</summary>
    public const string Camunda = "http://camunda.org/schema/1.0/bpmn";
    /// <summary>Activiti namespace (older Camunda files use it for the camunda: prefix).</summary>
    public const string Activiti = "http://activiti.org/bpmn";
    /// <summary>Flowable namespace (prefix flowable:), read like camunda:.</summary>
    public const string Flowable = "http://flowable.org/bpmn";

    internal static readonly XNamespace BpmnNs = Bpmn;
    internal static readonly XNamespace SfNs = ServiceFlow;

    /// <summary>Camunda 7, Activiti or Flowable: engines whose task attributes ServiceFlow maps onto sf: names.</summary>
    internal static bool IsCamunda(XNamespace ns) => ns.NamespaceName is Camunda or Activiti or Flowable;
}
