using ServiceFlow.Engine.Model;
using ServiceFlow.Engine.Parsing;
using ServiceFlow.Engine.Validation;

namespace ServiceFlow.Engine.Tests.Support;

/// <summary>Builds small BPMN documents inline: the body goes inside one executable process "p".</summary>
internal static class Bpmn
{
    public static string Xml(string processBody, string definitionsExtra = "", string processId = "p") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:sf="https://serviceflow.dev/bpmn"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     id="defs" targetNamespace="https://serviceflow.dev/tests">
          {definitionsExtra}
          <process id="{processId}" isExecutable="true">
            {processBody}
          </process>
        </definitions>
        """;

    public static ProcessDefinition Process(string processBody, string definitionsExtra = "", bool validate = true)
    {
        var document = BpmnParser.Parse(Xml(processBody, definitionsExtra));
        if (validate)
        {
            var report = BpmnValidator.Validate(document);
            report.Errors.Should().BeEmpty("the scenario model should be valid");
        }

        return document.Processes[0];
    }

    /// <summary>A sequence flow, optionally with a JavaScript condition.</summary>
    public static string Flow(string id, string from, string to, string? condition = null) => condition is null
        ? $"""<sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />"""
        : $"""<sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><conditionExpression xsi:type="tFormalExpression"><![CDATA[{condition}]]></conditionExpression></sequenceFlow>""";

    /// <summary>start → elements chained by flows f1..fn → end, for the common straight-line case.</summary>
    public static string Chain(params string[] ids) => ChainNamed("f", ids);

    /// <summary>A chain whose flows are named prefix1..prefixN, for a second chain in the same process (a sub-process).</summary>
    public static string ChainNamed(string prefix, params string[] ids)
    {
        var flows = new List<string>();
        for (var i = 0; i < ids.Length - 1; i++)
        {
            flows.Add(Flow($"{prefix}{i + 1}", ids[i], ids[i + 1]));
        }

        return string.Join("\n", flows);
    }
}
