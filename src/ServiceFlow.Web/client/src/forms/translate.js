// A form's texts are written in English with a `translations: { "zh-CN": { "English": "中文" } }` block beside
// them (docs/forms.md). form-js shows what the schema says, so the schema is translated before it is imported.
const TEXT_PROPERTIES = ['label', 'description', 'text', 'placeholder'];

export function translationsFor(schema, locale) {
  const all = (schema && schema.translations) || {};
  return all[locale] || all[String(locale || '').split('-')[0]] || null;
}

/** A copy of the schema with every label, description, text, placeholder and option text in the reader's language. */
export function translateSchema(schema, locale) {
  const copy = JSON.parse(JSON.stringify(schema));
  withKeyIds(copy);
  const own = translationsFor(schema, locale);
  if (!own) return copy;
  const t = (text) => (typeof text === 'string' && Object.prototype.hasOwnProperty.call(own, text) ? own[text] : text);
  const walk = (components) => {
    for (const c of components || []) {
      for (const p of TEXT_PROPERTIES) if (typeof c[p] === 'string') c[p] = t(c[p]);
      if (Array.isArray(c.values)) c.values = c.values.map((v) => ({ ...v, label: t(v.label) }));
      walk(c.components);
    }
  };
  walk(copy.components);
  return copy;
}

/** The English texts of a schema a translator fills in: labels, descriptions, texts, placeholders and option labels, once each. */
export function textsOf(schema) {
  const texts = [];
  const add = (text) => { if (typeof text === 'string' && text.trim() && !texts.includes(text)) texts.push(text); };
  const walk = (components) => {
    for (const c of components || []) {
      TEXT_PROPERTIES.forEach((p) => add(c[p]));
      (c.values || []).forEach((v) => add(v.label));
      walk(c.components);
    }
  };
  walk(schema.components);
  return texts;
}

/**
 * Each keyed field gets its key as id (unless another component already has that id), so its control is
 * `#fjs-form-…-<key>` for pages and tests alike; the editor gives fields ids like "Field_0x1y", which say nothing.
 * form-js refers to fields by key in expressions, so the id is free to change at view time.
 */
function withKeyIds(schema) {
  const all = [schema]; // the form itself is a component with an id (often the same as a field key)
  const collect = (components) => (components || []).forEach((c) => { all.push(c); collect(c.components); });
  collect(schema.components);
  // the form's own id is its key, often also a field's key (a decision named after its step): the field wins
  if (all.slice(1).some((c) => c.key === schema.id)) schema.id = 'form-' + schema.id;
  for (const c of all.slice(1)) {
    const taken = all.some((other) => other !== c && (other.id === c.key));
    if (c.key && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(c.key) && !taken) c.id = c.key;
  }
}
