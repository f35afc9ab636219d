// ServiceFlow designer bundle: bpmn-js Modeler + properties panel + ServiceFlow extensions.
// Exposes window.ServiceFlowDesigner (see ../README.md).
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './markers.css';
import './designer.css';

import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';

import sfModdle from '../sf.json';
import { translateModule } from './i18n';
import KeepExtensionsModule from './keepExtensions';
import { ensureDiagram, fitDiagram } from './layout';
import ServiceFlowPropertiesProviderModule from './properties';
import { normalizeOptions } from './properties/ServiceFlowPropertiesProvider';
import { resolveContainer, emptyDiagram, groupErrors, createErrorBadge, connectionMidpoint } from './util';

const EVENTS = {
  // name -> [diagram-js event, mapper]
  changed: ['commandStack.changed', () => []],
  selectionChanged: ['selection.changed', (e) => [e.newSelection.map((s) => s.id)]],
  imported: ['import.done', (e) => [{ warnings: e.warnings || [], error: e.error || null }]]
};

class Designer {
  constructor(opts) {
    if (!opts || !opts.container) {
      throw new Error('ServiceFlowDesigner.create: "container" is required');
    }
    const container = resolveContainer(opts.container, 'container');
    const panelParent = opts.propertiesPanel ? resolveContainer(opts.propertiesPanel, 'propertiesPanel') : null;
    container.classList.add('sf-designer-canvas');

    const additionalModules = [translateModule(opts.locale), KeepExtensionsModule, ...(opts.additionalModules || [])];
    if (panelParent) {
      panelParent.classList.add('sf-designer-properties');
      additionalModules.unshift(BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ServiceFlowPropertiesProviderModule);
    }

    this._container = container;
    this._errorOverlayIds = [];
    this._errorElementIds = [];
    this._listeners = [];
    this._generatedLayout = false;

    this.modeler = new BpmnModeler({
      container,
      propertiesPanel: panelParent
        ? { parent: panelParent, layout: opts.panelLayout || { groups: { general: { open: true }, serviceFlow: { open: true } } } }
        : undefined,
      additionalModules,
      moddleExtensions: { sf: sfModdle, ...(opts.moddleExtensions || {}) },
      serviceFlow: opts.options || {},
      ...(opts.modelerOptions || {})
    });

    this._options = normalizeOptions(opts.options);
    this._savedStackIndex = 0;
    this.modeler.on('import.done', () => {
      this._errorOverlayIds = [];
      this._errorElementIds = [];
      this._savedStackIndex = this._stackIndex();
    });
  }

  /**
   * Imports BPMN 2.0 XML; resolves to { warnings, generatedLayout }. Clears error markers and the undo
   * stack. A model without diagram interchange is laid out first; the layout then counts as an unsaved
   * change (isDirty()) so the next save stores it and the diagram looks the same every time it opens.
   */
  async importXml(xml) {
    const { xml: drawable, generated } = await ensureDiagram(xml);
    const result = await this.modeler.importXML(drawable);
    this._generatedLayout = generated;
    this.zoomToFit();
    // the properties panel (Preact) subscribes to selection events after its first paint;
    // wait for it so selectElement() right after import updates the panel
    await afterPaint();
    return { warnings: result.warnings || [], generatedLayout: generated };
  }

  /** Resolves to the formatted BPMN 2.0 XML. */
  async saveXml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  /** Resolves to an SVG image of the diagram. */
  async saveSvg() {
    const { svg } = await this.modeler.saveSVG();
    return svg;
  }

  /** A blank diagram: one process with one start event. */
  createNew(processId, name) {
    return this.importXml(emptyDiagram(processId, name));
  }

  /**
   * Highlights elements and lists the messages in a badge tooltip. Replaces earlier marks.
   * Returns the errors whose elementId is not on the canvas (show them in a list on the page).
   */
  markErrors(errors) {
    this.clearErrors();
    const registry = this.modeler.get('elementRegistry');
    const canvas = this.modeler.get('canvas');
    const overlays = this.modeler.get('overlays');
    const root = canvas.getRootElement();
    const unmatched = [];

    for (const [elementId, messages] of groupErrors(errors)) {
      const element = elementId && registry.get(elementId);
      if (!element || element === root || element.type === 'label') {
        unmatched.push(...messages.map((message) => ({ elementId, message })));
        continue;
      }
      canvas.addMarker(element, 'sf-error');
      this._errorElementIds.push(element.id);
      const position = element.waypoints ? connectionMidpoint(element) : { top: -10, right: 10 };
      this._errorOverlayIds.push(overlays.add(element, 'sf-error', { position, html: createErrorBadge(messages) }));
    }
    return unmatched;
  }

  clearErrors() {
    const overlays = this.modeler.get('overlays');
    const canvas = this.modeler.get('canvas');
    const registry = this.modeler.get('elementRegistry');
    for (const id of this._errorOverlayIds) {
      overlays.remove(id);
    }
    for (const id of this._errorElementIds) {
      const element = registry.get(id);
      if (element) {
        canvas.removeMarker(element, 'sf-error');
      }
    }
    this._errorOverlayIds = [];
    this._errorElementIds = [];
  }

  /** Selects an element and scrolls it into view; false when there is no such element. */
  selectElement(id) {
    const element = this.modeler.get('elementRegistry').get(id);
    if (!element) {
      return false;
    }
    this.modeler.get('selection').select(element);
    this.modeler.get('canvas').scrollToElement(element);
    return true;
  }

  /**
   * Subscribes to 'changed' (diagram edited, undo/redo), 'selectionChanged' (ids) or
   * 'imported' ({ warnings }); returns a function that unsubscribes.
   */
  on(name, callback) {
    const spec = EVENTS[name];
    if (!spec) {
      throw new Error(`Unknown event "${name}"; use one of ${Object.keys(EVENTS).join(', ')}`);
    }
    const [event, map] = spec;
    const handler = (e) => callback(...map(e));
    this.modeler.on(event, handler);
    const off = () => this.modeler.off(event, handler);
    this._listeners.push(off);
    return off;
  }

  /** True when there are edits (or a generated layout) since the last import or markSaved(). */
  isDirty() {
    return this._generatedLayout || this._stackIndex() !== this._savedStackIndex;
  }

  markSaved() {
    this._generatedLayout = false;
    this._savedStackIndex = this._stackIndex();
  }

  /** The translate service in use: translate(text, replacements), .locale, .missing() (keys without a translation). */
  get translate() {
    return this.modeler.get('translate');
  }

  /** Replaces the known value lists for the select fields. */
  setOptions(options) {
    this._options = normalizeOptions(options);
    const provider = this.modeler.get('serviceFlowPropertiesProvider', false);
    if (provider) {
      provider.setOptions(options);
    }
  }

  getOptions() {
    return this._options;
  }

  /** Fits the diagram into the canvas, clear of the palette that floats over its left edge. */
  zoomToFit() {
    const palette = this._container.querySelector('.djs-palette');
    const left = palette ? palette.getBoundingClientRect().right - this._container.getBoundingClientRect().left : 0;
    fitDiagram(this.modeler.get('canvas'), { left: Math.max(left, 0) });
  }

  destroy() {
    this._listeners.forEach((off) => off());
    this.modeler.destroy();
  }

  _stackIndex() {
    return this.modeler.get('commandStack')._stackIdx;
  }
}

function afterPaint() {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        setTimeout(resolve, 0);
      }
    };
    requestAnimationFrame(finish);
    setTimeout(finish, 120); // background tabs get no animation frames
  });
}

const ServiceFlowDesigner = {
  /**
   * @param {{ container: Element|string, propertiesPanel?: Element|string, locale?: string,
   *   options?: { groups?: any[], templates?: any[], calendars?: any[], handlerTypes?: any[] },
   *   xml?: string, processId?: string, name?: string, additionalModules?: any[], modelerOptions?: object }} opts
   *   With xml the diagram is imported; with processId a blank one is created. See `ready`.
   */
  create(opts) {
    const designer = new Designer(opts);
    if (opts.xml) {
      designer.ready = designer.importXml(opts.xml);
    } else if (opts.processId) {
      designer.ready = designer.createNew(opts.processId, opts.name);
    } else {
      designer.ready = Promise.resolve({ warnings: [] });
    }
    return designer;
  },
  emptyDiagram,
  Modeler: BpmnModeler
};

window.ServiceFlowDesigner = ServiceFlowDesigner;
export default ServiceFlowDesigner;
