// UI text of the designer and the viewer in the user's language. bpmn-js, diagram-js and the properties
// panel ask their `translate` service for every string they show (the English text is the key, as in the
// server's Localization/*.json); this module replaces that service with a lookup in our dictionaries.
// Keys a dictionary lacks are shown in English and remembered, so a test can list them.
import en from './en.json';
import zhCN from './zh-CN.json';

const DICTIONARIES = { en, 'zh-CN': zhCN };

/** 'zh-CN', 'zh', 'zh-Hans-CN' → 'zh-CN'; anything else English. */
export function resolveLocale(locale) {
  const value = String(locale || '').toLowerCase();
  return value.startsWith('zh') ? 'zh-CN' : 'en';
}

/** A diagram-js compatible translate(template, replacements) for one locale, with its missing keys. */
export function createTranslate(locale) {
  const name = resolveLocale(locale);
  const dictionary = DICTIONARIES[name];
  const missing = new Set();

  function translate(template, replacements) {
    if (template == null) {
      return '';
    }
    const key = String(template);
    let text = dictionary[key];
    if (text === undefined) {
      missing.add(key);
      text = key;
    }
    const values = replacements || {};
    return text.replace(/{([^}]+)}/g, (_, k) => (values[k] !== undefined && values[k] !== null ? String(values[k]) : `{${k}}`));
  }

  translate.locale = name;
  translate.missing = () => [...missing].sort();
  return translate;
}

/** The diagram-js module that overrides the built-in `translate` service. */
export function translateModule(locale) {
  return { translate: ['value', createTranslate(locale)] };
}
