// Turns highlight.js output (HTML of <span class="hljs-..."> around escaped text, nothing
// else) into lines of {text, cls} segments, so the code view builds its DOM from text
// nodes and never parses HTML. Spans open across a line break continue on the next line.
// Anything that is not that exact shape throws: the caller then shows the plain text.

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" };
const TOKEN = /<span class="([a-z0-9_ -]+)">|<\/span>|&(amp|lt|gt|quot|#x27|#39);|[^<&]+/gy;

export function htmlToLines(html) {
  const lines = [[]];
  const stack = [];
  let at = 0;
  TOKEN.lastIndex = 0;
  const push = (text) => {
    const parts = text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (!part) return;
      const line = lines[lines.length - 1];
      const cls = stack.join(' ');
      const last = line[line.length - 1];
      if (last && last.cls === cls) last.text += part; // entities split the text
      else line.push({ text: part, cls });
    });
  };
  while (at < html.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(html);
    if (!m || m.index !== at) throw new Error(`unexpected markup at ${at}`);
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) stack.push(m[1]);
    else if (m[0] === '</span>') {
      if (!stack.length) throw new Error('unbalanced </span>');
      stack.pop();
    } else if (m[2] !== undefined) push(ENTITIES[m[2]]);
    else push(m[0]);
  }
  if (stack.length) throw new Error('unclosed <span>');
  // A final newline does not start a line of its own.
  if (lines.length > 1 && lines[lines.length - 1].length === 0) lines.pop();
  return lines;
}

// Plain text as the same line shape (no highlighting).
export function textToLines(text) {
  const parts = String(text ?? '').split('\n');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((p) => (p ? [{ text: p, cls: '' }] : []));
}
