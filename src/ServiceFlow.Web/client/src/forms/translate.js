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

/** A field without an id gets its key as id, so its control is `#fjs-form-…-<key>` for pages and tests alike. */
function withKeyIds(schema) {
  const ids = new Set();
  const collect = (components) => (components || []).forEach((c) => { if (c.id) ids.add(c.id); collect(c.components); });
  collect(schema.components);
  const assign = (components) => (components || []).forEach((c) => {
    if (!c.id && c.key && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(c.key) && !ids.has(c.key)) { c.id = c.key; ids.add(c.key); }
    assign(c.components);
  });
  assign(schema.components);
}
