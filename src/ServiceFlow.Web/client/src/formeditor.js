// ServiceFlow form editor bundle: the form-js editor (bpmn.io; its watermark link stays visible) opened from the
// designer's "Edit form". Exposes window.ServiceFlowFormEditor.create(); the designer page loads and saves drafts.
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import './forms/forms.css';
import { FormEditor } from '@bpmn-io/form-js-editor';
import { textsOf } from './forms/translate';
import { localizeEditor } from './forms/editorText';

/**
 * Opens `schema` in `container` (palette limited by CSS to `types`, the field types the server accepts) with its
 * properties panel in `panel`, its own texts in the reader's `locale`. getSchema() returns the edited schema; texts() the English texts to translate.
 */
async function create({ container, panel, schema, types, locale }) {
  const editor = new FormEditor({ container, propertiesPanel: panel ? { parent: panel } : undefined });
  container.classList.add('sf-form-editor');
  // The palette lists every type form-js knows; only those the server validates may be added.
  const style = document.createElement('style');
  const nonce = document.querySelector('script[nonce]');
  if (nonce) style.nonce = nonce.nonce;
  style.textContent = `.sf-form-editor .fjs-palette-field${types.map((t) => `:not([data-field-type="${t}"])`).join('')} { display: none; }`;
  container.append(style);
  localizeEditor([container, panel], locale);
  await editor.importSchema(schema);
  return {
    editor,
    getSchema: () => ({ ...editor.saveSchema(), translations: schema.translations || {} }),
    setTranslations: (translations) => { schema.translations = translations; },
    texts: () => textsOf(editor.saveSchema()),
    on: (event, handler) => editor.on(event, handler),
    destroy: () => editor.destroy()
  };
}

window.ServiceFlowFormEditor = { create };
