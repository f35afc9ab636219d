namespace ServiceFlow.Web.Tests.Runtime;

/// Small BPMN documents for runtime tests; each gets a unique process id so tests can share a database.
internal static class Models
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static string Wrap(string processId, string body, string extra = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sf="https://serviceflow.dev/bpmn"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://serviceflow.dev/tests">
          {extra}
          <process id="{processId}" name="Test {processId}" isExecutable="true">
            {body}
          </process>
        </definitions>
        """;

    public static string Approval(string id) => Wrap(id, """
        <startEvent id="start" />
        <userTask id="approve" name="Approve" sf:candidateGroups="Supervisor" />
        <endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
        <sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
        """);

    /// start → (async) mail task → end: the continuation is a Hangfire job, the mail an outbox row.
    public static string AsyncMail(string id) => Wrap(id, """
        <startEvent id="start" />
        <sendTask id="notify" name="Notify" sf:async="true" sf:type="mail" sf:template="ticket-received" />
        <endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="notify" />
        <sequenceFlow id="f2" sourceRef="notify" targetRef="end" />
        """);

    public static string Timer(string id, string duration) => Wrap(id, $"""
        <startEvent id="start" />
        <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
        <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
        """);

    /// Waits for `message` keyed by the variable `ticket`; `senderGroups` makes the message public for them (/api/messages).
    public static string WaitForMessage(string id, string message = "customer-reply", string? senderGroups = null) => Wrap(id, """
        <startEvent id="start" />
        <intermediateCatchEvent id="reply" sf:correlationKey="${ ticket }"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
        <endEvent id="end" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="reply" />
        <sequenceFlow id="f2" sourceRef="reply" targetRef="end" />
        """,
        senderGroups is null ? $"""<message id="m" name="{message}" />""" : $"""<message id="m" name="{message}" sf:candidateSenderGroups="{senderGroups}" />""");

    public static string BadExpression(string id) => Wrap(id, """
        <startEvent id="start" />
        <exclusiveGateway id="gw" default="f3" />
        <endEvent id="big" />
        <endEvent id="small" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
        <sequenceFlow id="f2" sourceRef="gw" targetRef="big"><conditionExpression xsi:type="tFormalExpression">amount.value &gt; 10</conditionExpression></sequenceFlow>
        <sequenceFlow id="f3" sourceRef="gw" targetRef="small" />
        """);
}
