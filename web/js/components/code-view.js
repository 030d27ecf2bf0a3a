// One file's text with line numbers and syntax highlighting: shown plain at once, then
// highlighted when the highlighter module has loaded (it is loaded on first use only).
import { h, replace } from '../dom.js';
import { textToLines } from '../lib/hl-lines.js';
import { languageOf } from '../lib/tree.js';

let highlighter = null;
function loadHighlighter() {
  if (!highlighter) highlighter = import('../highlight.js');
  return highlighter;
}

function renderLines(lines) {
  return lines.map((segments) => h('span', { class: 'line' },
    segments.map((s) => (s.cls ? h('span', { class: s.cls }, s.text) : s.text)), '\n'));
}

export function codeView(path, text) {
  const language = languageOf(path);
  const code = h('code', { class: language ? `hljs language-${language}` : 'hljs' });
  const pre = h('pre', { class: 'code numbered', tabindex: '0', 'aria-label': `Contents of ${path}`,
    dataset: { language: language || 'plaintext', highlighted: 'no' } }, code);
  if (!text) {
    replace(code, '(empty file)');
    return pre;
  }
  replace(code, renderLines(textToLines(text)));
  if (language) {
    loadHighlighter().then(({ highlightLines }) => {
      replace(code, renderLines(highlightLines(text, language)));
      pre.dataset.highlighted = 'yes';
    }).catch(() => { /* the plain text stays */ });
  }
  return pre;
}
