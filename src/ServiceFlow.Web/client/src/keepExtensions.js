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
//
// Saving has two more habits of bpmn-js that change what nobody edited:
// - before writing, BpmnDiOrdering sets each plane's shapes to exactly those it drew, so the diagram
//   interchange of anything it did not draw (a process no participant shows, an edge between two diagram
//   elements that names no model element) disappeared; here what it did not draw stays, after the rest;
// - an exclusive gateway's shape without isMarkerVisible (the BPMN default is false) is given
//   isMarkerVisible="true" to draw its X; it is still drawn so, but written back without the attribute.
import ModdleCopy from 'bpmn-js/lib/features/copy-paste/ModdleCopy';
import { getDi, is } from 'bpmn-js/lib/util/ModelUtil';
import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor';
import { selfAndAllChildren } from 'diagram-js/lib/util/Elements';

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

const DI_ORDERING_PRIORITY = 2000; // the priority of bpmn-js's own BpmnDiOrdering, which this replaces

/** Orders each plane's shapes as drawn (what bpmn-js does) and keeps the ones it did not draw. */
class KeepingDiOrdering {
  constructor(eventBus, canvas) {
    eventBus.on('saveXML.start', DI_ORDERING_PRIORITY, () => {
      for (const root of canvas.getRootElements()) {
        const rootDi = getDi(root);
        if (!rootDi) {
          continue;
        }
        const drawn = selfAndAllChildren([root], false)
          .filter((element) => element !== root && !element.labelTarget)
          .map(getDi);
        const shown = new Set(drawn);
        const notDrawn = (rootDi.get('planeElement') || []).filter((di) => !shown.has(di));
        rootDi.set('planeElement', [...drawn, ...notDrawn]);
      }
    });
  }
}

KeepingDiOrdering.$inject = ['eventBus', 'canvas'];

/** Writes an exclusive gateway's marker flag only when the file had it or someone set it. */
class GatewayMarkerBehavior {
  constructor(eventBus, elementRegistry) {
    const unset = new WeakSet();
    eventBus.on('import.parse.complete', ({ definitions }) => {
      for (const diagram of (definitions && definitions.get('diagrams')) || []) {
        for (const di of diagram.plane.get('planeElement') || []) {
          if (is(di.bpmnElement, 'bpmn:ExclusiveGateway') && di.isMarkerVisible === undefined) {
            unset.add(di);
          }
        }
      }
    });
    let hidden = [];
    eventBus.on('saveXML.start', () => {
      hidden = elementRegistry.filter((e) => e.di && unset.has(e.di) && e.di.isMarkerVisible === true).map((e) => e.di);
      hidden.forEach((di) => { delete di.isMarkerVisible; });
    });
    eventBus.on('saveXML.done', () => {
      hidden.forEach((di) => { di.isMarkerVisible = true; });
      hidden = [];
    });
  }
}

GatewayMarkerBehavior.$inject = ['eventBus', 'elementRegistry'];

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
  __init__: ['keepDiAttributesBehavior', 'bpmnDiOrdering', 'gatewayMarkerBehavior'],
  moddleCopy: ['type', ExtensionKeepingModdleCopy],
  keepDiAttributesBehavior: ['type', KeepDiAttributesBehavior],
  bpmnDiOrdering: ['type', KeepingDiOrdering],
  gatewayMarkerBehavior: ['type', GatewayMarkerBehavior]
};
