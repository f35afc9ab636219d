// form-js writes its own few texts (the select's "Select", the number buttons, the file picker's button, its
// client-side messages) in English only. For a reader in Chinese they are replaced as form-js renders them; the server's refusals come translated.
const ZH = [
  [/^Select$/, '请选择'],
  [/^Search$/, '搜索'],
  [/^Increment$/, '增加'],
  [/^Decrement$/, '减少'],
  [/^Field is required\.$/, '此项必填。'],
  [/^Field must have minimum length of (.+)\.$/, '至少 $1 个字符。'],
  [/^Field must have maximum length of (.+)\.$/, '最多 $1 个字符。'],
  [/^Field must have minimum value of (.+)\.$/, '不能小于 $1。'],
  [/^Field must have maximum value of (.+)\.$/, '不能大于 $1。'],
  [/^Field must match pattern (.+)\.$/, '须符合格式 $1。'],
  [/^Value is not a number\.$/, '不是数字。'],
  [/^Field must be a valid email\.$/, '须为有效的电子邮件地址。'],
  [/^Browse$/, '选择文件'],
  [/^No files selected$/, '未选择文件'],
  [/^(\d+) files selected$/, '已选择 $1 个文件']
];
const ATTRIBUTES = ['aria-label', 'title', 'placeholder'];

function replace(text) {
  for (const [pattern, zh] of ZH) if (pattern.test(text)) return text.replace(pattern, zh);
  return null;
}

function translate(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const zh = replace(node.nodeValue.trim());
    if (zh !== null) node.nodeValue = zh;
  }
  for (const el of root.querySelectorAll('[aria-label],[title],[placeholder]')) {
    for (const name of ATTRIBUTES) {
      const value = el.getAttribute(name);
      const zh = value && replace(value.trim());
      if (zh) el.setAttribute(name, zh);
    }
  }
}

/** Keeps form-js's own texts in `container` in the reader's language while it renders. */
export function localizeUi(container, locale) {
  if (!/^zh/i.test(locale || '')) return;
  translate(container);
  new MutationObserver(() => translate(container)).observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
}
