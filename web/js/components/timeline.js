// The verification history of a project as a timeline, oldest first: each runner attempt
// with its version, outcome and count of failures. The automatic fix loop is not on this
// server yet (the API has no fixes), so the timeline says so instead of showing fixes.
import { h, formatDate } from '../dom.js';
import { summaryText } from '../lib/status.js';

export function timeline(verifications) {
  const ours = (verifications || []).filter((v) => v.source !== 'external')
    .slice().sort((a, b) => (a.attempt - b.attempt) || (Date.parse(a.created_at) - Date.parse(b.created_at)) || (a.id - b.id));
  const fixes = (verifications || []).flatMap((v) => (Array.isArray(v.fixes) ? v.fixes : []));
  return h('section', { class: 'timeline', 'aria-label': 'Verification timeline' },
    h('h4', {}, 'Timeline'),
    ours.length
      ? h('ol', { class: 'steps' }, ours.map((v) => h('li', { dataset: { status: v.status } },
        h('strong', {}, `Attempt ${v.attempt ?? 1}`), ` · v${v.version} · `,
        h('span', { class: `badge vstatus-${v.status}` }, v.status),
        v.summary && v.summary.failed ? ` (${v.summary.failed} test${v.summary.failed === 1 ? '' : 's'} failed)` : '',
        v.summary && !v.summary.failed ? ` (${summaryText(v.summary)})` : '',
        h('span', { class: 'muted small' }, ` ${formatDate(v.finished_at || v.created_at)}`))))
      : h('p', { class: 'muted' }, 'No verification yet.'),
    fixes.length ? null : h('p', { class: 'muted small' },
      'Automatic fixing is not available on this server yet, so no fixes (files changed, tokens, cost) are listed: each attempt above is a verification of a version as generated.'));
}
