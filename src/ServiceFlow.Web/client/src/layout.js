// Diagram interchange (BPMNDI) for models that have none, and fitting a diagram into its container.
// A BPMN file written by hand or by an engine-only tool may carry the process without any shapes;
// bpmn-js then has "no diagram to display". bpmn-auto-layout draws one (left to right, sub-processes
// collapsed) so the designer, the instance view and the ticket page can show every workflow.
import { layoutProcess } from 'bpmn-auto-layout';

const DI_NS = 'http://www.omg.org/spec/BPMN/20100524/DI';
const MODEL_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** True when the document has a BPMNPlane with at least one shape (or there is no process to draw). */
export function hasDiagram(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) {
    return true; // let bpmn-js report the XML error in its own words
  }
  const processes = doc.getElementsByTagNameNS(MODEL_NS, 'process');
  if (!processes.length) {
    return true;
  }
  return [...doc.getElementsByTagNameNS(DI_NS, 'BPMNPlane')]
    .some((plane) => plane.getElementsByTagNameNS(DI_NS, 'BPMNShape').length > 0);
}

/** Resolves to { xml, generated }: the input when it has a diagram, else the input with a generated one. */
export async function ensureDiagram(xml) {
  if (hasDiagram(xml)) {
    return { xml, generated: false };
  }
  // bpmn-auto-layout follows a node's <incoming>/<outgoing> references, which BPMN allows a file to leave
  // out (sourceRef/targetRef on the flows say it all; callback-survey.bpmn has none). Without them it
  // draws no arrows, so they are added for the layout and taken out of its result again.
  const { xml: linked, added } = withFlowReferences(xml);
  const laidOut = await layoutProcess(linked);
  return { xml: added.size ? withoutFlowReferences(laidOut, added) : laidOut, generated: true };
}

function withFlowReferences(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const byId = new Map([...doc.getElementsByTagNameNS(MODEL_NS, '*')].map((e) => [e.getAttribute('id'), e]));
  const added = new Set();
  for (const flow of doc.getElementsByTagNameNS(MODEL_NS, 'sequenceFlow')) {
    const id = flow.getAttribute('id');
    for (const [end, kind] of [['sourceRef', 'outgoing'], ['targetRef', 'incoming']]) {
      const node = byId.get(flow.getAttribute(end));
      const listed = node && [...node.children].some((c) => c.localName === kind && c.textContent.trim() === id);
      if (node && !listed) {
        const ref = doc.createElementNS(MODEL_NS, kind);
        ref.textContent = id;
        node.appendChild(ref);
        added.add(`${node.getAttribute('id')} ${kind} ${id}`);
      }
    }
  }
  return { xml: added.size ? new XMLSerializer().serializeToString(doc) : xml, added };
}

function withoutFlowReferences(xml, added) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const kind of ['incoming', 'outgoing']) {
    for (const ref of [...doc.getElementsByTagNameNS(MODEL_NS, kind)]) {
      if (added.has(`${ref.parentNode.getAttribute('id')} ${kind} ${ref.textContent.trim()}`)) {
        ref.parentNode.removeChild(ref);
      }
    }
  }
  return new XMLSerializer().serializeToString(doc);
}

/**
 * Zooms so the whole diagram fits the container, leaving `padding` pixels around it and `left` pixels
 * free on the left (where the designer's palette floats over the canvas). Never zooms in past 100 %.
 */
export function fitDiagram(canvas, { left = 0, padding = 24, maxScale = 1 } = {}) {
  const { inner, outer } = canvas.viewbox();
  if (!inner.width || !inner.height || !outer.width || !outer.height) {
    return;
  }
  const { width, height } = outer; // the container, in pixels
  const usableWidth = Math.max(width - left - 2 * padding, 50);
  const usableHeight = Math.max(height - 2 * padding, 50);
  const scale = Math.min(usableWidth / inner.width, usableHeight / inner.height, maxScale);
  const spareY = (usableHeight - inner.height * scale) / 2;
  canvas.viewbox({
    x: inner.x - (left + padding) / scale,
    y: inner.y - (padding + spareY) / scale,
    width: width / scale,
    height: height / scale
  });
}
