// The form-js editor writes its palette, properties panel and empty states in English only, as literals (it has no
// translate service to replace, unlike bpmn-js). For a reader in Chinese its texts are replaced as it renders them,
// from i18n/formeditor.zh-CN.json. The form being designed is the user's own text and is never touched: inside the
// canvas only the empty states and the field buttons are, and in the panel not the field's label in the header
// nor the titles of list entries (option labels, property keys) and the expression editors, which the user typed.
import zhCN from '../i18n/formeditor.zh-CN.json';

const ATTRIBUTES = ['aria-label', 'title', 'placeholder'];
const USER_TEXT = '.fjs-form, .cm-editor, .bio-properties-panel-header-label, .bio-properties-panel-collapsible-entry-header-title';
const CHROME_IN_FORM = '.fjs-empty-editor, .fjs-empty-component, .fjs-form-field-placeholder, .fjs-context-pad';

function replace(text) {
  const created = /^Create an? (.+) element$/.exec(text);
  if (created && zhCN[created[1]]) return `添加${zhCN[created[1]]}`;
  const removed = /^Remove (.+)$/.exec(text);
  if (removed && zhCN[removed[1]]) return `删除${zhCN[removed[1]]}`;
  return zhCN[text] ?? null;
}

/** True when `node` shows the user's own text (the form being designed, a label in the panel) rather than the editor's. */
function isUserText(node) {
  const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  if (!el || el.closest(CHROME_IN_FORM)) return false;
  return el.closest(USER_TEXT) !== null;
}

function translate(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.trim();
    const zh = text && replace(text);
    if (zh && !isUserText(node)) node.nodeValue = node.nodeValue.replace(text, zh);
  }
  for (const el of root.querySelectorAll('[aria-label],[title],[placeholder]')) {
    if (isUserText(el)) continue;
    for (const name of ATTRIBUTES) {
      const value = el.getAttribute(name);
      const zh = value && replace(value.trim());
      if (zh) el.setAttribute(name, zh);
    }
  }
}

/** Keeps the editor's own texts in `roots` (its canvas and properties panel) in the reader's language. */
export function localizeEditor(roots, locale) {
  if (!/^zh/i.test(locale || '')) return;
  for (const root of roots.filter(Boolean)) {
    translate(root);
    new MutationObserver(() => translate(root)).observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
  }
}
