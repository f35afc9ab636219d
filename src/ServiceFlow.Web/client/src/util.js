import { getBBox } from 'diagram-js/lib/util/Elements';

export function resolveContainer(value, what) {
  const element = typeof value === 'string' ? document.querySelector(value) : value;
  if (!element || element.nodeType !== 1) {
    throw new Error(`ServiceFlow: ${what} ${JSON.stringify(String(value))} is not an element or selector of one`);
  }
  return element;
}

const NCNAME = /^[A-Za-z_][\w.-]*$/;

function escapeXml(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** BPMN 2.0 XML with one executable process holding one start event (with DI). */
export function emptyDiagram(processId, name) {
  if (!processId || !NCNAME.test(processId)) {
    throw new Error(`ServiceFlow: process id ${JSON.stringify(processId)} must be an XML name (letter or _, then letters, digits, _ . -)`);
  }
  const id = escapeXml(processId);
  const nameAttr = name ? ` name="${escapeXml(name)}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:sf="https://serviceflow.dev/bpmn" id="Definitions_${id}" targetNamespace="https://serviceflow.dev/bpmn/processes" exporter="ServiceFlow Designer">
  <bpmn:process id="${id}"${nameAttr} isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="Start" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${id}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="152" y="102" width="36" height="36" />
        <bpmndi:BPMNLabel>
          <dc:Bounds x="158" y="145" width="25" height="14" />
        </bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** [{ elementId, message }] -> Map(elementId -> [message]) in input order. */
export function groupErrors(errors) {
  const map = new Map();
  for (const error of errors || []) {
    if (!error) {
      continue;
    }
    const key = error.elementId || '';
    const message = error.message == null ? '' : String(error.message);
    if (!map.has(key)) {
      map.set(key, []);
    }
    map.get(key).push(message);
  }
  return map;
}

/** A red badge with the count; hover, focus or click shows the messages. Text only, no HTML injection. */
export function createErrorBadge(messages) {
  const badge = document.createElement('div');
  badge.className = 'sf-error-badge';
  badge.tabIndex = 0;
  badge.title = messages.join('\n');
  badge.textContent = messages.length > 1 ? String(messages.length) : '!';
  const list = document.createElement('ul');
  list.className = 'sf-error-list';
  for (const message of messages) {
    const item = document.createElement('li');
    item.textContent = message;
    list.appendChild(item);
  }
  badge.appendChild(list);
  badge.addEventListener('click', (event) => {
    event.stopPropagation();
    badge.classList.toggle('sf-open');
  });
  return badge;
}

/** Overlay position (relative to the connection's bounding box) at the middle waypoint. */
export function connectionMidpoint(connection) {
  const box = getBBox(connection);
  const points = connection.waypoints;
  const a = points[Math.floor((points.length - 1) / 2)];
  const b = points[Math.floor(points.length / 2)];
  return { top: (a.y + b.y) / 2 - box.y - 10, left: (a.x + b.x) / 2 - box.x - 10 };
}
