// ServiceFlow decision table editor bundle: dmn-js Modeler (decision requirements diagram, decision tables,
// literal expressions). Exposes window.ServiceFlowDecisions. dmn-js is used under the bpmn.io license: its
// bpmn.io watermark stays visible in every view.
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import './decisions.css';

import DmnModeler from 'dmn-js/lib/Modeler';

class DecisionEditor {
  constructor(opts) {
    if (!opts || !opts.container) {
      throw new Error('ServiceFlowDecisions.create: "container" is required');
    }
    const container = typeof opts.container === 'string' ? document.querySelector(opts.container) : opts.container;
    this.modeler = new DmnModeler({ container, common: { keyboard: { bindTo: window } } });
    this.savedXml = null;
    this.listeners = [];
    this.modeler.on('views.changed', () => this.watchActiveViewer());
  }

  /** Re-subscribes to the active view's command stack, so every edit in any view marks the editor dirty. */
  watchActiveViewer() {
    const viewer = this.modeler.getActiveViewer();
    if (!viewer || viewer === this.watched) {
      return;
    }
    this.watched = viewer;
    viewer.on('elements.changed', () => this.listeners.forEach((l) => l()));
  }

  /** Opens the document at its first decision table (the view process owners edit), else the diagram. */
  async open(xml) {
    const result = await this.modeler.importXML(xml);
    const table = this.modeler.getViews().find((v) => v.type === 'decisionTable');
    if (table) {
      await this.modeler.open(table);
    }
    this.watchActiveViewer();
    this.savedXml = await this.xml();
    return { warnings: result.warnings || [] };
  }

  async xml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  async isDirty() {
    return this.savedXml !== null && (await this.xml()) !== this.savedXml;
  }

  markSaved(xml) {
    this.savedXml = xml;
  }

  onChange(listener) {
    this.listeners.push(listener);
  }

  /** The decisions in the document, for the view switcher: { id, name, type }. */
  views() {
    return this.modeler.getViews().map((v) => ({ id: v.element.id, name: v.element.name || v.element.id, type: v.type }));
  }

  async show(id) {
    const view = this.modeler.getViews().find((v) => v.element.id === id && v.type !== 'drd') || this.modeler.getViews().find((v) => v.element.id === id);
    if (view) {
      await this.modeler.open(view);
      this.watchActiveViewer();
    }
  }
}

window.ServiceFlowDecisions = {
  create: (opts) => new DecisionEditor(opts)
};
