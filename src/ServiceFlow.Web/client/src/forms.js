// ServiceFlow form viewer bundle: the form-js viewer (bpmn.io; its watermark link stays visible) for task and
// start forms. Exposes window.ServiceFlowForms.view(); the page posts what it returns to its own handler, where
// the one server validator (Features/Forms/FormValidator.cs) decides.
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import './forms/forms.css';
import { Form } from '@bpmn-io/form-js-viewer';
import { translateSchema } from './forms/translate';
import { localizeUi } from './forms/uiText';

/**
 * Renders `schema` into `container` in `locale`, prefilled with `data` (the task's values, bound record fields,
 * and the option lists `valuesKey` fields read), and shows `errors` ([{ key, message }]) on their fields.
 * Resolves to { form, submit(): { data, errors }, showErrors(errors) }.
 */
async function view({ container, schema, data = {}, locale, errors = [] }) {
  const form = new Form({ container });
  localizeUi(container, locale);
  await form.importSchema(translateSchema(schema, locale), data);
  const idOf = (key) => {
    const field = form.get('formFieldRegistry').getAll().find((f) => f.key === key);
    return field && field.id;
  };
  const showErrors = (list) => {
    const state = {};
    for (const { key, message } of list) {
      const id = key && idOf(key);
      if (id) (state[id] = state[id] || []).push(message);
    }
    form._setState({ errors: state }); // form-js keeps field errors by field id; a server refusal is shown the same way
  };
  if (errors.length) showErrors(errors);
  // A file field's value in form-js is a key into its file registry; the server takes the file itself as a
  // multipart part named by the field's key, and never a value for it.
  const submit = () => {
    const result = form.submit();
    const data = { ...result.data };
    const files = [];
    const registry = form.get('fileRegistry', false);
    for (const field of form.get('formFieldRegistry').getAll().filter((f) => f.type === 'filepicker' && f.key)) {
      const ref = data[field.key];
      delete data[field.key];
      if (registry && ref && registry.hasKey(ref)) files.push({ key: field.key, files: registry.getFiles(ref) });
    }
    return { data, errors: result.errors, files };
  };
  return { form, submit, showErrors };
}

window.ServiceFlowForms = { view, translateSchema };
