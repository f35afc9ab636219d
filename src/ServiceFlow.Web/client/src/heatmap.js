// Process heatmap: a workflow version's diagram (bpmn-js viewer) coloured by the median time spent in each
// node, with visits and times as badges; the slowest activities outlined. Data from GET /api/reports/process.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './heatmap.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

function hours(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

async function show(container) {
  const response = await fetch(container.dataset.src, { credentials: 'same-origin' });
  const data = await response.json();
  if (!response.ok) {
    container.textContent = data.detail || data.title || response.statusText;
    container.dataset.state = 'error';
    return;
  }
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(data.xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  const max = Math.max(1, ...data.nodes.map((n) => n.p50 || 0));
  const visits = container.dataset.visits || 'visits';
  for (const node of data.nodes) {
    const element = registry.get(node.id);
    if (!element) continue;
    const level = node.p50 ? Math.min(4, Math.floor((node.p50 / max) * 4.999)) : 0;
    canvas.addMarker(element, `sf-heat-${level}`);
    if (node.slowest) canvas.addMarker(element, 'sf-slowest');
    const badge = document.createElement('div');
    badge.className = `sf-heat-badge${node.slowest ? ' slowest' : ''}`;
    badge.textContent = `${node.count} · ${hours(node.p50)}`;
    badge.title = `${node.name || node.id}: ${node.count} ${visits}, p50 ${hours(node.p50)}, p90 ${hours(node.p90)}, max ${hours(node.max)}`;
    overlays.add(element, 'sf-heat', { position: { bottom: 4, left: 0 }, html: badge });
  }
  const most = Math.max(1, ...data.flows.map((f) => f.count));
  for (const flow of data.flows) {
    const element = registry.get(flow.id);
    if (!element) continue;
    canvas.addMarker(element, `sf-flow-${Math.min(3, Math.floor((flow.count / most) * 3.999))}`);
    const label = document.createElement('div');
    label.className = 'sf-flow-badge';
    label.textContent = `${flow.count}`;
    const mid = element.waypoints[Math.floor(element.waypoints.length / 2)];
    overlays.add(element, 'sf-heat', { position: { top: mid.y - element.y - 10, left: mid.x - element.x + 4 }, html: label });
  }
  canvas.zoom('fit-viewport', 'auto');
  container.dataset.state = 'ready';
  window.serviceFlowHeatmap = { viewer, data };
}

for (const container of document.querySelectorAll('[data-process-heatmap]')) {
  show(container);
}
