// "ServiceFlow" group for the bpmn-js properties panel: edits the sf:* attributes
// (namespace https://serviceflow.dev/bpmn, see ../../sf.json) and the sf:in / sf:out
// mappings of call activities. Entries are Preact components; `h` comes from the
// Preact copy that @bpmn-io/properties-panel ships, so hooks share one Preact instance.
import { h } from '@bpmn-io/properties-panel/preact';
import {
  CheckboxEntry,
  Group,
  ListGroup,
  SelectEntry,
  TextFieldEntry,
  isCheckboxEntryEdited,
  isSelectEntryEdited,
  isTextFieldEntryEdited
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is, isAny } from 'bpmn-js/lib/util/ModelUtil';

const LOW_PRIORITY = 500;

// ISO-8601 duration (PnYnMnWnDTnHnMnS); expressions (${...}, =...) are left to the server validator.
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const CLOCK_ACTION = /^(start|pause|resume|stop):[A-Za-z0-9_.-]+$/;

export default class ServiceFlowPropertiesProvider {
  constructor(propertiesPanel, injector, eventBus, options) {
    this._injector = injector;
    this._eventBus = eventBus;
    this._options = normalizeOptions(options);
    propertiesPanel.registerProvider(LOW_PRIORITY, this);
  }

  /** Replaces the known value lists (groups, templates, calendars, handlerTypes) and re-renders. */
  setOptions(options) {
    this._options = normalizeOptions(options);
    this._eventBus.fire('propertiesPanel.providersChanged');
  }

  getOptions() {
    return this._options;
  }

  getGroups(element) {
    return (groups) => {
      const own = [
        serviceFlowGroup(element, this._injector, this._options),
        mappingGroup(element, this._injector, 'in'),
        mappingGroup(element, this._injector, 'out')
      ].filter(Boolean);

      // right after "General" (and "Documentation" when present)
      let index = groups.findIndex((g) => g.id === 'documentation');
      if (index < 0) {
        index = groups.findIndex((g) => g.id === 'general');
      }
      const result = groups.slice();
      result.splice(index + 1, 0, ...own);
      // the panel's built-in tooltips ("Toggle section", "Delete item"…) use a group's own translate
      const translate = this._injector.get('translate');
      return result.map((group) => (group.translate ? group : { ...group, translate }));
    };
  }
}

ServiceFlowPropertiesProvider.$inject = ['propertiesPanel', 'injector', 'eventBus', 'config.serviceFlow'];

// ---------------------------------------------------------------------------------------------
// groups

function serviceFlowGroup(element, injector, options) {
  const translate = injector.get('translate');
  const bo = getBusinessObject(element);
  const entries = [];

  // What the desk shows instead of `name` to people reading it in that language (inbox, task page, diagrams).
  if (isAny(element, ['bpmn:FlowNode', 'bpmn:Process'])) {
    entries.push(
      textEntry('sf-name-zh-CN', 'Name in Chinese (zh-CN)', 'sf:name-zh-CN', {
        description: 'Shown instead of the name to people using the desk in Chinese.'
      }),
      textEntry('sf-name-en', 'Name in English (en)', 'sf:name-en', {
        description: 'Shown instead of the name to people using the desk in English.'
      })
    );
  }

  if (is(element, 'bpmn:UserTask')) {
    entries.push(
      options.groups.length
        ? selectEntry('sf-candidateGroups', 'Candidate group', 'sf:candidateGroups', options.groups, {
          description: 'Group whose members may claim the task.'
        })
        : textEntry('sf-candidateGroups', 'Candidate groups', 'sf:candidateGroups', {
          description: 'Comma-separated group names.'
        }),
      textEntry('sf-candidateUsers', 'Candidate users', 'sf:candidateUsers', {
        description: 'Comma-separated user names.'
      }),
      textEntry('sf-assignee', 'Assignee', 'sf:assignee', {
        description: 'JavaScript expression, e.g. ticket.owner'
      }),
      textEntry('sf-formKey', 'Form key', 'sf:formKey'),
      textEntry('sf-priority', 'Priority', 'sf:priority'),
      textEntry('sf-dueIn', 'Due in', 'sf:dueIn', {
        description: 'ISO-8601 duration, e.g. PT4H or P2D',
        validate: validateDuration
      })
    );
  }

  if (isAny(element, ['bpmn:ServiceTask', 'bpmn:SendTask'])) {
    entries.push(
      options.handlerTypes.length
        // the engine runs a send task without sf:type with the mail handler
        ? selectEntry('sf-type', 'Handler type', 'sf:type', options.handlerTypes,
          is(element, 'bpmn:SendTask') ? { emptyLabel: '(default: mail)' } : {})
        : textEntry('sf-type', 'Handler type', 'sf:type', { description: 'e.g. mail, log' }),
      options.templates.length
        ? selectEntry('sf-template', 'Mail template', 'sf:template', options.templates)
        : textEntry('sf-template', 'Mail template', 'sf:template')
    );
  }

  if (is(element, 'bpmn:ScriptTask')) {
    entries.push(textEntry('sf-resultVariable', 'Result variable', 'sf:resultVariable'));
  }

  if (isMessageCatch(element)) {
    entries.push(textEntry('sf-correlationKey', 'Correlation key', 'sf:correlationKey', {
      description: 'JavaScript expression evaluated against the process variables.'
    }));
  }

  // The engine reads sf:calendar on the node itself: timers count its working time, and so does sf:dueIn.
  if (getTimerDefinition(bo) || is(element, 'bpmn:UserTask')) {
    const description = 'Durations count working time of this calendar.';
    entries.push(
      options.calendars.length
        ? selectEntry('sf-calendar', 'Business calendar', 'sf:calendar', options.calendars, {
          emptyLabel: '(24×7, no calendar)',
          description
        })
        : textEntry('sf-calendar', 'Business calendar', 'sf:calendar', { description })
    );
  }

  if (isAny(element, ['bpmn:Activity', 'bpmn:Event'])) {
    entries.push(
      textEntry('sf-clock', 'SLA clock', 'sf:clock', {
        description: 'e.g. start:resolution; pause:resolution; stop:first-response',
        validate: validateClock
      }),
      {
        id: 'sf-async',
        component: AttributeCheckbox,
        attr: 'sf:async',
        label: 'Asynchronous continuation',
        description: 'Commit before this element and continue in a background job.',
        isEdited: isCheckboxEntryEdited
      }
    );
  }

  if (!entries.length) {
    return null;
  }

  return {
    id: 'serviceFlow',
    label: translate('ServiceFlow'),
    component: Group,
    entries
  };
}

function mappingGroup(element, injector, kind) {
  if (!is(element, 'bpmn:CallActivity')) {
    return null;
  }

  const translate = injector.get('translate');
  const bpmnFactory = injector.get('bpmnFactory');
  const commandStack = injector.get('commandStack');
  const type = kind === 'in' ? 'sf:In' : 'sf:Out';
  const bo = getBusinessObject(element);
  const mappings = getExtensions(bo, type);

  const items = mappings.map((mapping, index) => {
    const id = `${element.id}-sf-${kind}-${index}`;
    return {
      id,
      label: mappingLabel(mapping),
      autoFocusEntry: `${id}-source`,
      entries: [
        {
          id: `${id}-source`,
          component: MappingField,
          mapping,
          attr: 'source',
          label: kind === 'in' ? 'Source (expression in this process)' : 'Source (variable of the called process)',
          isEdited: isTextFieldEntryEdited
        },
        {
          id: `${id}-target`,
          component: MappingField,
          mapping,
          attr: 'target',
          label: kind === 'in' ? 'Target (variable of the called process)' : 'Target (variable in this process)',
          isEdited: isTextFieldEntryEdited
        }
      ],
      remove: (event) => {
        event.stopPropagation();
        const extensionElements = bo.get('extensionElements');
        if (!extensionElements) {
          return;
        }
        commandStack.execute('element.updateModdleProperties', {
          element,
          moddleElement: extensionElements,
          properties: { values: extensionElements.get('values').filter((v) => v !== mapping) }
        });
      }
    };
  });

  const add = (event) => {
    event.stopPropagation();
    const commands = [];
    let extensionElements = bo.get('extensionElements');
    if (!extensionElements) {
      extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extensionElements.$parent = bo;
      commands.push({
        cmd: 'element.updateModdleProperties',
        context: { element, moddleElement: bo, properties: { extensionElements } }
      });
    }
    const mapping = bpmnFactory.create(type, { source: '', target: '' });
    mapping.$parent = extensionElements;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: {
        element,
        moddleElement: extensionElements,
        properties: { values: [...extensionElements.get('values'), mapping] }
      }
    });
    commandStack.execute('properties-panel.multi-command-executor', commands);
  };

  return {
    id: kind === 'in' ? 'serviceFlowInputs' : 'serviceFlowOutputs',
    label: translate(kind === 'in' ? 'ServiceFlow: input mappings (sf:in)' : 'ServiceFlow: output mappings (sf:out)'),
    component: ListGroup,
    items,
    add
  };
}

// ---------------------------------------------------------------------------------------------
// entry definitions and components

function textEntry(id, label, attr, extra = {}) {
  return { id, component: AttributeText, label, attr, ...extra, isEdited: isTextFieldEntryEdited };
}

function selectEntry(id, label, attr, choices, extra = {}) {
  return { id, component: AttributeSelect, label, attr, choices, ...extra, isEdited: isSelectEntryEdited };
}

function AttributeText(props) {
  const { element, id, label, attr, target, description, validate } = props;
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  const translate = useService('translate');
  const moddleElement = target || getBusinessObject(element);

  return h(TextFieldEntry, {
    element,
    id,
    label: translate(label),
    description: description && translate(description),
    debounce,
    validate: validate && ((value) => validate(value, translate)),
    getValue: () => moddleElement.get(attr) || '',
    setValue: (value) => modeling.updateModdleProperties(element, moddleElement, { [attr]: value || undefined })
  });
}

function AttributeSelect(props) {
  const { element, id, label, attr, target, description, choices, emptyLabel } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const moddleElement = target || getBusinessObject(element);

  const getOptions = () => {
    const current = moddleElement.get(attr);
    const options = [{ value: '', label: translate(emptyLabel || '(none)') }, ...choices];
    if (current && !choices.some((c) => c.value === current)) {
      // keep values the host does not know (hand-written XML, renamed groups) instead of dropping them
      options.push({ value: current, label: `${current} ${translate('(unknown)')}` });
    }
    return options;
  };

  return h(SelectEntry, {
    element,
    id,
    label: translate(label),
    description: description && translate(description),
    getOptions,
    getValue: () => moddleElement.get(attr) || '',
    setValue: (value) => modeling.updateModdleProperties(element, moddleElement, { [attr]: value || undefined })
  });
}

function AttributeCheckbox(props) {
  const { element, id, label, attr, description } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const bo = getBusinessObject(element);

  return h(CheckboxEntry, {
    element,
    id,
    label: translate(label),
    description: description && translate(description),
    getValue: () => !!bo.get(attr),
    setValue: (value) => modeling.updateModdleProperties(element, bo, { [attr]: value ? true : undefined })
  });
}

function MappingField(props) {
  const { element, id, label, mapping, attr } = props;
  const commandStack = useService('commandStack');
  const debounce = useService('debounceInput');
  const translate = useService('translate');

  return h(TextFieldEntry, {
    element,
    id,
    label: translate(label),
    debounce,
    getValue: () => mapping.get(attr) || '',
    setValue: (value) => commandStack.execute('element.updateModdleProperties', {
      element,
      moddleElement: mapping,
      properties: { [attr]: value || '' }
    })
  });
}

// ---------------------------------------------------------------------------------------------
// helpers

function validateDuration(value, translate) {
  if (!value || value.startsWith('${') || value.startsWith('=')) {
    return null;
  }
  return DURATION.test(value.trim()) ? null : translate('Not an ISO-8601 duration (e.g. PT30M, PT4H, P1D).');
}

function validateClock(value, translate) {
  if (!value || !value.trim()) {
    return null;
  }
  const bad = value.split(';').map((s) => s.trim()).filter((s) => s && !CLOCK_ACTION.test(s));
  return bad.length ? translate('Expected action:clock pairs (start|pause|resume|stop), got "{value}".', { value: bad[0] }) : null;
}

function getTimerDefinition(bo) {
  const definitions = bo.get && is(bo, 'bpmn:Event') ? bo.get('eventDefinitions') || [] : [];
  return definitions.find((d) => is(d, 'bpmn:TimerEventDefinition')) || null;
}

function isMessageCatch(element) {
  const bo = getBusinessObject(element);
  if (is(element, 'bpmn:ReceiveTask')) {
    return true;
  }
  if (!is(element, 'bpmn:CatchEvent')) {
    return false;
  }
  return (bo.get('eventDefinitions') || []).some((d) => is(d, 'bpmn:MessageEventDefinition'));
}

function getExtensions(bo, type) {
  const extensionElements = bo.get('extensionElements');
  return extensionElements ? extensionElements.get('values').filter((v) => is(v, type)) : [];
}

function mappingLabel(mapping) {
  const source = mapping.get('source') || '…';
  const target = mapping.get('target') || '…';
  return `${source} → ${target}`;
}

/**
 * Accepts arrays of strings or of { value, label } / { id, name } objects.
 */
export function normalizeOptions(options = {}) {
  const list = (items) => (Array.isArray(items) ? items : [])
    .map((item) => {
      if (item == null) {
        return null;
      }
      if (typeof item !== 'object') {
        return { value: String(item), label: String(item) };
      }
      const value = item.value ?? item.id ?? item.name;
      if (value == null) {
        return null;
      }
      return { value: String(value), label: String(item.label ?? item.name ?? value) };
    })
    .filter(Boolean);

  return {
    groups: list(options.groups),
    templates: list(options.templates),
    calendars: list(options.calendars),
    handlerTypes: list(options.handlerTypes)
  };
}
