// Keeps other vendors' extensions when bpmn-js copies a model element.
//
// bpmn-moddle reads what it has no descriptor for as it is: attributes of unknown namespaces
// (camunda:, zeebe:, flowable:…) land in the element's $attrs, and children of extensionElements in
// unknown namespaces become "generic" elements; both are written back unchanged. But bpmn-js copies
// an element's business object whenever the element is *replaced* ("Change element": task → user task,
// interrupting ↔ non-interrupting, collapsed ↔ expanded) or copied and pasted, and its ModdleCopy copies
// only the properties the descriptors declare: it returns nothing for generic elements and never looks
// at $attrs. Those edits silently dropped every foreign extension of the element. This module copies
// them too. (ServiceFlow's own sf: elements and attributes are declared in sf.json and copied anyway.)
import ModdleCopy from 'bpmn-js/lib/features/copy-paste/ModdleCopy';
import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor';

const HIGH_PRIORITY = 1500;

class ExtensionKeepingModdleCopy extends ModdleCopy {
  constructor(eventBus, bpmnFactory, moddle) {
    super(eventBus, bpmnFactory, moddle);

    // generic (unknown-namespace) elements: a deep copy instead of nothing
    eventBus.on('moddleCopy.canCopyProperty', HIGH_PRIORITY, ({ property, parent }) => {
      if (property && property.$type && property.$descriptor && property.$descriptor.isGeneric) {
        return cloneGeneric(moddle, property, parent);
      }
      return undefined;
    });
  }

  copyElement(sourceElement, targetElement, propertyNames, clone = false) {
    const copied = super.copyElement(sourceElement, targetElement, propertyNames, clone);
    copyForeignAttributes(sourceElement, copied);
    return copied;
  }
}

ExtensionKeepingModdleCopy.$inject = ['eventBus', 'bpmnFactory', 'moddle'];

/** A replaced shape gets new diagram interchange; carry the vendor attributes of the old one over. */
class KeepDiAttributesBehavior extends CommandInterceptor {
  constructor(eventBus) {
    super(eventBus);
    this.postExecuted('shape.replace', ({ context }) => {
      const { oldShape, newShape } = context;
      copyForeignAttributes(oldShape && oldShape.di, newShape && newShape.di);
    });
  }
}

KeepDiAttributesBehavior.$inject = ['eventBus'];

/** Attributes moddle has no descriptor for (vendor attributes and their xmlns declarations). */
function copyForeignAttributes(source, target) {
  const attrs = source && source.$attrs;
  if (!attrs || !target || !target.$attrs) {
    return;
  }
  for (const [name, value] of Object.entries(attrs)) {
    if (!(name in target.$attrs)) {
      target.$attrs[name] = value;
    }
  }
}

function cloneGeneric(moddle, element, parent) {
  const properties = {};
  for (const [key, value] of Object.entries(element)) {
    if (!key.startsWith('$') && typeof value !== 'function') {
      properties[key] = value;
    }
  }
  const copy = moddle.createAny(element.$type, element.$descriptor.ns.uri, properties);
  copy.$parent = parent;
  if (element.$body !== undefined) {
    copy.$body = element.$body;
  }
  if (element.$children) {
    copy.$children = element.$children.map((child) => cloneGeneric(moddle, child, copy));
  }
  return copy;
}

export default {
  __init__: ['keepDiAttributesBehavior'],
  moddleCopy: ['type', ExtensionKeepingModdleCopy],
  keepDiAttributesBehavior: ['type', KeepDiAttributesBehavior]
};
