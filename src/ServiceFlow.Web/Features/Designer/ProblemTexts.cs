namespace ServiceFlow.Web.Features.Designer;

/// What each validation code means, in words the localization files translate: the designer shows this
/// line in the reader's language above the validator's detail (which names elements and values and stays as
/// written), so a process owner reading Chinese knows what to fix without reading the English detail.
internal static class ProblemTexts
{
    public static readonly IReadOnlyDictionary<string, string> ByCode = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["parse"] = "The file is not BPMN XML that can be read.",
        ["limit"] = "The file is over a size or nesting limit.",
        ["no-process"] = "The file contains no process.",
        ["no-start-event"] = "The process has no start event.",
        ["duplicate-id"] = "Two elements have the same id.",
        ["unknown-reference"] = "It refers to an element that does not exist.",
        ["unsupported-element"] = "This kind of element cannot run here.",
        ["unsupported-extension"] = "A setting from another modeler has no meaning here.",
        ["unsupported-script-format"] = "Only scripts in the supported format can run.",
        ["missing-script"] = "The script task has no script.",
        ["no-incoming-flow"] = "Nothing leads to this element, so it can never be reached.",
        ["no-outgoing-flow"] = "Nothing leads out of this element.",
        ["end-with-outgoing-flow"] = "An end event cannot have an outgoing flow.",
        ["missing-flow-node"] = "The sequence flow connects to something that is not in this process.",
        ["flow-crosses-scope"] = "The sequence flow crosses a sub-process boundary.",
        ["missing-condition"] = "A flow out of this gateway needs a condition.",
        ["bad-default-flow"] = "The default flow must leave this element.",
        ["invalid-expression"] = "An expression cannot be read.",
        ["bad-timer"] = "The timer's date, duration or cycle cannot be read.",
        ["bad-due-date"] = "The due date cannot be read.",
        ["bad-due-in"] = "The due time cannot be read.",
        ["bad-priority"] = "The priority is not a valid value.",
        ["bad-attached-to"] = "The boundary event is not attached to an activity.",
        ["bad-event-gateway-target"] = "After an event-based gateway only catch events and receive tasks may follow.",
        ["bad-event-sub-process"] = "The event sub-process is not set up correctly.",
        ["bad-loop"] = "The loop or multi-instance settings are incomplete.",
        ["bad-link"] = "The link event has no name or no matching partner.",
        ["bad-compensation"] = "The compensation handler is not connected correctly.",
        ["missing-called-element"] = "The call activity does not name the process it calls.",
        ["missing-message-ref"] = "The event does not name its message.",
        ["unknown-message"] = "The message it names is not declared.",
        ["missing-signal-ref"] = "The event does not name its signal.",
        ["unknown-signal"] = "The signal it names is not declared.",
        ["missing-escalation-ref"] = "The event does not name its escalation.",
        ["unknown-escalation"] = "The escalation it names is not declared.",
        ["unknown-error"] = "The error it names is not declared.",
        ["not-executable"] = "This process is not run (only the executable process is).",
        ["not-executable-flag"] = "The process is not marked as executable.",
        ["form-missing"] = "The form this task names does not exist.",
        ["form-invalid"] = "The form this task names has problems.",
        ["form-external"] = "The form is kept outside ServiceFlow and cannot be shown here.",
        ["variable-unset"] = "The condition reads a variable that no form or start sets.",
        ["decision-missing"] = "The decision this task calls is not published.",
    };
}
