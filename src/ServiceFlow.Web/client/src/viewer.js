// ServiceFlow viewer bundle: read-only bpmn-js NavigatedViewer with instance-state markers.
// Exposes window.ServiceFlowViewer (see ../README.md).
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './markers.css';

import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { resolveContainer } from './util';

const STATES = ['completed', 'active', 'failed'];
const instances = new WeakMap();

class InstanceView {
  constructor(container) {
    this.container = container;
    this.viewer = new NavigatedViewer({ container });
    this._marked = [];
    this._overlayIds = [];
  }

  async load(xml, state) {
    const result = await this.viewer.importXML(xml);
    this._marked = [];
    this._overlayIds = [];
    this.setState(state);
    this.viewer.get('canvas').zoom('fit-viewport', 'auto');
    return result.warnings || [];
  }

  /** Replaces the markers: { active: [ids], completed: [ids], failed: [ids] }. Unknown ids are ignored. */
  setState(state = {}) {
    const canvas = this.viewer.get('canvas');
    const registry = this.viewer.get('elementRegistry');
    const overlays = this.viewer.get('overlays');
    for (const [id, cls] of this._marked) {
      const element = registry.get(id);
      if (element) {
        canvas.removeMarker(element, cls);
      }
    }
    this._overlayIds.forEach((id) => overlays.remove(id));
    this._marked = [];
    this._overlayIds = [];

    // later states win: an element both completed and active (loop) shows as active
    const byId = new Map();
    for (const name of STATES) {
      for (const id of state[name] || []) {
        byId.set(id, name);
      }
    }
    for (const [id, name] of byId) {
      const element = registry.get(id);
      if (!element || element.type === 'label') {
        continue;
      }
      const cls = `sf-${name}`;
      canvas.addMarker(element, cls);
      this._marked.push([id, cls]);
      if (name !== 'completed' && !element.waypoints) {
        const badge = document.createElement('div');
        badge.className = `sf-state-badge ${cls}`;
        badge.textContent = name === 'failed' ? '!' : '●';
        badge.title = name === 'failed' ? 'Failed (incident)' : 'Active';
        this._overlayIds.push(overlays.add(element, 'sf-state', { position: { top: -9, right: 9 }, html: badge }));
      }
    }
  }

  destroy() {
    instances.delete(this.container);
    this.viewer.destroy();
  }
}

const ServiceFlowViewer = {
  /**
   * Shows `xml` in `container` (element or selector), fits it and marks the elements.
   * Calling it again for the same container reuses the viewer. Resolves to the view
   * ({ viewer, warnings, setState(state), destroy() }).
   */
  async show(container, xml, state = {}) {
    const element = resolveContainer(container, 'container');
    let view = instances.get(element);
    if (!view) {
      view = new InstanceView(element);
      instances.set(element, view);
    }
    view.warnings = await view.load(xml, state);
    return view;
  },
  Viewer: NavigatedViewer
};

window.ServiceFlowViewer = ServiceFlowViewer;
export default ServiceFlowViewer;
