// A file's changes between two versions as unified hunks: removed lines, added lines and
// a little context, each with its old and new line number; a heading with the counts.
import { h } from '../dom.js';
import { lineDiff, hunks, diffStats } from '../lib/diff.js';

const SIGN = { same: ' ', add: '+', del: '-' };

export function diffView(path, before, after, { from, to }) {
  const d = lineDiff(before, after);
  const { added, removed } = diffStats(d);
  const groups = hunks(d, 3);
  return h('section', { class: 'diff', 'aria-label': `Changes to ${path} from v${from} to v${to}` },
    h('p', { class: 'muted small' }, `v${from} → v${to}: ${added} line${added === 1 ? '' : 's'} added, ${removed} removed`),
    groups.length
      ? groups.map((g) => h('pre', { class: 'code diff-hunk', tabindex: '0' }, g.map((row) => h('span', { class: `diff-line diff-${row.op}` },
        h('span', { class: 'diff-no', 'aria-hidden': 'true' }, row.a ?? ''),
        h('span', { class: 'diff-no', 'aria-hidden': 'true' }, row.b ?? ''),
        h('span', { class: 'diff-sign' }, SIGN[row.op]),
        h('span', { class: 'visually-hidden' }, row.op === 'add' ? 'added: ' : row.op === 'del' ? 'removed: ' : ''),
        row.text, '\n'))))
      : h('p', {}, 'No changes.'));
}
