namespace ServiceFlow.Engine.Model;

/// <summary>The BPMN element type of a flow node, as far as the engine distinguishes them.</summary>
public enum NodeKind
{
    /// <summary>An element the engine reads but cannot execute (complexGateway, transaction, ...).</summary>
    Unsupported,
    /// <summary>startEvent.</summary>
    StartEvent,
    /// <summary>endEvent.</summary>
    EndEvent,
    /// <summary>intermediateCatchEvent.</summary>
    IntermediateCatchEvent,
    /// <summary>intermediateThrowEvent.</summary>
    IntermediateThrowEvent,
    /// <summary>boundaryEvent.</summary>
    BoundaryEvent,
    /// <summary>userTask.</summary>
    UserTask,
    /// <summary>serviceTask.</summary>
    ServiceTask,
    /// <summary>sendTask.</summary>
    SendTask,
    /// <summary>scriptTask.</summary>
    ScriptTask,
    /// <summary>task (an abstract task: passes through).</summary>
    Task,
    /// <summary>manualTask (work done outside any system: passes through).</summary>
    ManualTask,
    /// <summary>receiveTask (waits for its message).</summary>
    ReceiveTask,
    /// <summary>exclusiveGateway.</summary>
    ExclusiveGateway,
    /// <summary>parallelGateway.</summary>
    ParallelGateway,
    /// <summary>inclusiveGateway.</summary>
    InclusiveGateway,
    /// <summary>eventBasedGateway.</summary>
    EventBasedGateway,
    /// <summary>Embedded subProcess.</summary>
    SubProcess,
    /// <summary>callActivity.</summary>
    CallActivity,
    /// <summary>businessRuleTask evaluating a DMN decision (sf:decisionRef).</summary>
    BusinessRuleTask,
}

/// <summary>The kind of an event definition inside an event element.</summary>
public enum EventKind
{
    /// <summary>No event definition (a none event).</summary>
    None,
    /// <summary>messageEventDefinition.</summary>
    Message,
    /// <summary>timerEventDefinition.</summary>
    Timer,
    /// <summary>errorEventDefinition.</summary>
    Error,
    /// <summary>terminateEventDefinition.</summary>
    Terminate,
    /// <summary>signalEventDefinition.</summary>
    Signal,
    /// <summary>conditionalEventDefinition.</summary>
    Conditional,
    /// <summary>escalationEventDefinition.</summary>
    Escalation,
    /// <summary>compensateEventDefinition.</summary>
    Compensate,
    /// <summary>linkEventDefinition.</summary>
    Link,
    /// <summary>cancelEventDefinition (not executable).</summary>
    Cancel,
}

/// <summary>How a timer event definition states its due time.</summary>
public enum TimerKind
{
    /// <summary>timeDuration, e.g. PT4H.</summary>
    Duration,
    /// <summary>timeDate, an absolute ISO-8601 date-time.</summary>
    Date,
    /// <summary>timeCycle, e.g. R3/PT10M.</summary>
    Cycle,
}
