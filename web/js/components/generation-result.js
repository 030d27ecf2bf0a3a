// What a successful generation answers: the project's name and links, its status kept
// current while the runner verifies it (announced politely), its warnings and notes, and
// its files.
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { downloadButton } from './download.js';
import { warningsList, notesList, fileList } from './plan-details.js';
import { statusBadge } from './status-badge.js';
import { watchProject } from './live-project.js';
import { summaryText, isMoving } from '../lib/status.js';

export function generationResult(result) {
  const name = result.name || `project ${result.project_id}`;
  const status = h('p', { class: 'status-line', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const show = (p) => replace(status, 'Status: ', statusBadge(p.status),
    p.latest_verification && p.latest_verification.summary && !isMoving(p.status)
      ? ` ${summaryText(p.latest_verification.summary)}` : '');
  show({ status: result.status || 'queued' });
  const el = h('section', { class: 'result card', 'aria-label': 'Generation result' },
    h('h3', {}, `Generated ${name}`),
    status,
    h('p', {},
      `Version ${result.version ?? 1}, by the ${result.planner || ''} planner. `,
      result.sha256 ? h('span', { class: 'muted' }, `sha256 ${String(result.sha256).slice(0, 12)}…`) : null),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/projects/${encodeURIComponent(result.project_id)}` }, 'Open project'),
      result.download_url ? downloadButton(result.download_url, { name: `Download ${name} ZIP` }) : null),
    warningsList(result.warnings),
    notesList(result.notes),
    fileList(result.files));
  // Once on the page, follow the verification the generation queued.
  queueMicrotask(() => api.project(result.project_id).then((p) => {
    show(p);
    watchProject(p.id, p, el, { onChange: show });
  }).catch(() => {}));
  return el;
}
