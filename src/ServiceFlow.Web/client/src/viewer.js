// ServiceFlow viewer bundle: read-only bpmn-js NavigatedViewer with instance-state markers.
// Exposes window.ServiceFlowViewer (see ../README.md).
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './markers.css';
import './viewer.css';

import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { createTranslate, translateModule } from './i18n';
import { ensureDiagram, fitDiagram } from './layout';
import { resolveContainer } from './util';

const STATES = ['completed', 'active', 'failed'];
const ZOOM_STEP = 1.25;
const instances = new WeakMap();

class InstanceView {
  constructor(container, options) {
    this.container = container;
    this.options = options;
    this.translate = createTranslate(options.locale || document.documentElement.lang);
    this.viewer = new NavigatedViewer({ container, additionalModules: [translateModule(this.translate.locale)] });
    this._marked = [];
    this._overlayIds = [];
    this._addZoomControls();
  }

  async load(xml, state) {
    const { xml: drawable, generated } = await ensureDiagram(xml);
    const result = await this.viewer.importXML(drawable);
    this.generatedLayout = generated;
    this._marked = [];
    this._overlayIds = [];
    this.setState(state);
    this.fit();
    return result.warnings || [];
  }

  /**
   * 'width' (the ticket page): the diagram takes the container's width and the container grows to the
   * diagram's height, between minHeight and maxHeight; 'viewport' (default): the diagram fits the box.
   */
  fit() {
    const canvas = this.viewer.get('canvas');
    const { fit = 'viewport', minHeight = 320, maxHeight = Math.round(window.innerHeight * 0.75), padding = 24 } = this.options;
    if (fit === 'width') {
      const { inner } = canvas.viewbox();
      const width = this.container.clientWidth;
      const scale = Math.min(1, (width - 2 * padding) / Math.max(inner.width, 1));
      const wanted = Math.ceil(inner.height * scale + 2 * padding);
      this.container.style.height = `${Math.max(minHeight, Math.min(maxHeight, wanted))}px`;
      canvas.resized();
    }
    fitDiagram(canvas, { padding });
  }

  zoom(factor) {
    const canvas = this.viewer.get('canvas');
    const { outer } = canvas.viewbox();
    canvas.zoom(canvas.zoom() * factor, { x: outer.width / 2, y: outer.height / 2 });
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
        badge.title = this.translate(name === 'failed' ? 'Failed (incident)' : 'Active');
        this._overlayIds.push(overlays.add(element, 'sf-state', { position: { top: -9, right: 9 }, html: badge }));
      }
    }
  }

  destroy() {
    instances.delete(this.container);
    this.viewer.destroy();
  }

  _addZoomControls() {
    const bar = document.createElement('div');
    bar.className = 'sf-zoom';
    bar.setAttribute('role', 'toolbar');
    const add = (text, label, action, testId) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = text;
      button.title = label;
      button.setAttribute('aria-label', label);
      button.dataset.testid = testId;
      button.addEventListener('click', action);
      bar.appendChild(button);
    };
    add('+', this.translate('Zoom in'), () => this.zoom(ZOOM_STEP), 'zoom-in');
    add('−', this.translate('Zoom out'), () => this.zoom(1 / ZOOM_STEP), 'zoom-out');
    add('⤢', this.translate('Fit diagram'), () => this.fit(), 'zoom-fit');
    if (getComputedStyle(this.container).position === 'static') {
      this.container.style.position = 'relative';
    }
    this.container.appendChild(bar);
  }
}

const ServiceFlowViewer = {
  /**
   * Shows `xml` in `container` (element or selector), fits it and marks the elements. A model without
   * diagram interchange is laid out first. Calling it again for the same container reuses the viewer.
   * options: { fit: 'viewport' | 'width', minHeight, maxHeight, locale (default: <html lang>) }.
   * Resolves to the view ({ viewer, warnings, generatedLayout, setState(state), fit(), zoom(f), destroy() }).
   */
  async show(container, xml, state = {}, options = {}) {
    const element = resolveContainer(container, 'container');
    let view = instances.get(element);
    if (!view) {
      view = new InstanceView(element, options);
      instances.set(element, view);
    }
    view.warnings = await view.load(xml, state);
    return view;
  },
  Viewer: NavigatedViewer
};

window.ServiceFlowViewer = ServiceFlowViewer;
export default ServiceFlowViewer;
