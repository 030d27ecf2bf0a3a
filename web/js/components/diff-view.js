// A file's changes between two versions as unified hunks (lib/diff.js diffModel): each
// hunk's "@@ -a,n +b,m @@" line, then removed lines, added lines and a little context, each
// with its old and new line number, a +/- sign and, for screen readers, "added:" or
// "removed:"; a heading with the counts.
import { h } from '../dom.js';
import { diffModel } from '../lib/diff.js';

export function diffView(path, before, after, { from, to }) {
  const { added, removed, hunks } = diffModel(before, after, 3);
  return h('section', { class: 'diff', 'aria-label': `Changes to ${path} from v${from} to v${to}` },
    h('p', { class: 'muted small' }, `v${from} → v${to}: ${added} line${added === 1 ? '' : 's'} added, ${removed} removed`),
    hunks.length
      ? hunks.map((g) => h('pre', { class: 'code diff-hunk', tabindex: '0', 'aria-label': `Hunk ${g.header}` },
        h('span', { class: 'diff-line diff-header' }, g.header, '\n'),
        g.rows.map((row) => h('span', { class: `diff-line diff-${row.op}` },
          h('span', { class: 'diff-no', 'aria-hidden': 'true' }, row.a ?? ''),
          h('span', { class: 'diff-no', 'aria-hidden': 'true' }, row.b ?? ''),
          h('span', { class: 'diff-sign', 'aria-hidden': 'true' }, row.sign),
          row.spoken ? h('span', { class: 'visually-hidden' }, row.spoken) : null,
          row.text, '\n'))))
      : h('p', {}, 'No changes.'));
}
